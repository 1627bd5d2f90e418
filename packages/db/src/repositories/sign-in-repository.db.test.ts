import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditEvent, KnownDevice, Profile, Session, Workspace } from '../entities/index.ts';
import { makeProfile, makeWorkspace, useTestDatabase } from '../testing/index.ts';
import type { NewSessionRecord } from './session-repository.ts';
import { findProfileForSignIn, insertAuditRow, recordKnownDeviceSignIn, type AuditRow } from './sign-in-repository.ts';

const db = useTestDatabase();

function sessionRecord(profileId: string, workspaceId: string | null): NewSessionRecord {
  const now = new Date();
  return { id: randomBytes(16).toString('hex'), secretHash: 'f'.repeat(64), profileId, workspaceId, client: 'browser', amr: ['pwd'], wayIn: 'password', setupOnly: false, userAgent: 'vitest', ipAddress: '127.0.0.1', now, expiresAt: new Date(now.getTime() + 24 * 60_000) };
}

const audit = (profileId: string, workspaceId: string | null): AuditRow => ({
  workspaceId,
  actorProfileId: profileId,
  action: 'sign_in.succeeded',
  targetMemberId: null,
  targetProfileId: profileId,
  details: { method: 'password', newDevice: false },
  ipAddress: '127.0.0.1',
  userAgent: 'vitest',
  requestId: 'req-1',
});

describe('recordKnownDeviceSignIn', () => {
  it('writes nothing at all for a device the profile never used, so the caller takes the full path', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: profile });
    const before = await em.fork().findOneOrFail(Workspace, { id: workspace.id });

    const known = await recordKnownDeviceSignIn(em, { session: sessionRecord(profile.id, workspace.id), deviceHash: 'a'.repeat(64), audit: audit(profile.id, workspace.id) });

    expect(known).toBe(false);
    const check = db.orm.em.fork();
    expect(await check.count(Session, { profile: profile.id })).toBe(0);
    expect(await check.count(AuditEvent, { targetProfileId: profile.id })).toBe(0);
    expect((await check.findOneOrFail(Workspace, { id: workspace.id })).lastSignInAt).toEqual(before.lastSignInAt);
  });

  it('writes the device sighting, the workspace clock, the audit event and the session in one go for a known device', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: profile });
    const longAgo = new Date('2026-01-01T00:00:00Z');
    await em.nativeUpdate(Workspace, { id: workspace.id }, { lastSignInAt: longAgo, cleanupWarningsSent: 3 });
    em.create(KnownDevice, { profile, deviceHash: 'b'.repeat(64), firstSeenAt: longAgo, lastSeenAt: longAgo });
    await em.flush();

    const session = sessionRecord(profile.id, workspace.id);
    const known = await recordKnownDeviceSignIn(em, { session, deviceHash: 'b'.repeat(64), audit: audit(profile.id, workspace.id) });

    expect(known).toBe(true);
    const check = db.orm.em.fork();
    const stored = await check.findOneOrFail(Session, { id: session.id });
    expect([stored.profile.id, stored.workspace?.id, stored.client, stored.expiresAt.getTime()]).toEqual([profile.id, workspace.id, 'browser', session.expiresAt.getTime()]);
    const clock = await check.findOneOrFail(Workspace, { id: workspace.id });
    expect([clock.lastSignInAt.getTime(), clock.cleanupWarningsSent]).toEqual([session.now.getTime(), 0]);
    expect((await check.findOneOrFail(KnownDevice, { profile: profile.id })).lastSeenAt.getTime()).toBe(session.now.getTime());
    const [event] = await check.find(AuditEvent, { targetProfileId: profile.id });
    expect([event?.action, event?.workspaceId, event?.details]).toEqual(['sign_in.succeeded', workspace.id, { method: 'password', newDevice: false }]);
  });
});

describe('insertAuditRow', () => {
  it('writes the event at once, outside any unit of work', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em);
    await insertAuditRow(em, { ...audit(profile.id, null), action: 'sign_in.failed', actorProfileId: null, details: null });
    const [event] = await db.orm.em.fork().find(AuditEvent, { targetProfileId: profile.id });
    expect([event?.action, event?.actorProfileId, event?.details, event?.ipAddress]).toEqual(['sign_in.failed', null, null, '127.0.0.1']);
  });
});

describe('findProfileForSignIn', () => {
  it('gives the managed profile with its password hash, without its TOTP secret, and nothing for an unknown email', async () => {
    const em = db.orm.em.fork();
    const made = await makeProfile(em, { passwordHash: '$argon2id$stored' });
    await em.nativeUpdate(Profile, { id: made.id }, { totpSecretEncrypted: 'sealed-secret', twoFactorEnabledAt: new Date('2026-10-01T00:00:00Z') });

    const lookup = db.orm.em.fork();
    const profile = await findProfileForSignIn(lookup, made.email);
    expect([profile?.id, profile?.passwordHash, profile?.twoFactorEnabledAt?.toISOString(), profile?.createdAt instanceof Date]).toEqual([made.id, '$argon2id$stored', '2026-10-01T00:00:00.000Z', true]);
    expect(profile?.totpSecretEncrypted).toBeUndefined();
    expect(await findProfileForSignIn(lookup, `nobody-${made.email}`)).toBeNull();

    profile!.passwordHash = '$argon2id$rehashed';
    await lookup.flush();
    const stored = await db.orm.em.fork().findOneOrFail(Profile, { id: made.id }, { populate: ['passwordHash', 'totpSecretEncrypted'] });
    expect([stored.passwordHash, stored.totpSecretEncrypted]).toEqual(['$argon2id$rehashed', 'sealed-secret']);
  });
});
