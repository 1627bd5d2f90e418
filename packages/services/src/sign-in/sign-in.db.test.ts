import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword, validateSessionToken } from '@gatehouse/auth';
import { AuditEvent, KnownDevice, Member, Profile, Workspace } from '@gatehouse/db';
import { makeMember, makeProfile, makeWorkspace, uniqueEmail, useTestDatabase } from '@gatehouse/db/testing';
import { AppError } from '@gatehouse/domain';
import { listMembers, resolveMembership } from '../members/index.ts';
import { signIn } from './sign-in-with-password.ts';
import { testServiceConfig } from '../shared/test-config.ts';

const db = useTestDatabase();
let config: ReturnType<typeof testServiceConfig> | undefined;
const serviceConfig = () => (config ??= testServiceConfig(db.url));
afterAll(async () => {
  await config?.close();
});
const PASSWORD = 'the right passphrase';
const origin = { userAgent: 'vitest', ipAddress: '127.0.0.1' };

describe('signIn', () => {
  it('upgrades a password hashed with older parameters at the next sign-in', async () => {
    const em = db.orm.em.fork();
    const email = uniqueEmail();
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash(PASSWORD, { memoryCost: 4096, timeCost: 3, parallelism: 1 });
    await makeProfile(em, { email, passwordHash: weak });
    await signIn({ em: db.orm.em.fork(), config: serviceConfig(), email, password: PASSWORD, client: 'browser', origin });
    const stored = await db.orm.em.fork().findOneOrFail(Profile, { email }, { populate: ['passwordHash'] });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('counts a sign-in at a workspace as activity, keeping it from being abandoned', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em, { passwordHash: await hashPassword(PASSWORD) });
    const workspace = await makeWorkspace(em, { creator: profile });
    const longAgo = new Date('2026-01-01T00:00:00Z');
    await em.nativeUpdate(Workspace, { id: workspace.id }, { lastSignInAt: longAgo });
    const before = Date.now();
    await signIn({ em: db.orm.em.fork(), config: serviceConfig(), email: profile.email, password: PASSWORD, workspaceSlug: workspace.slug, client: 'browser', origin });
    const after = await db.orm.em.fork().findOneOrFail(Workspace, { id: workspace.id });
    expect(after.lastSignInAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('records a sign-in from a known device as completely as the first: device, clock, audit event and a working session', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em, { passwordHash: await hashPassword(PASSWORD) });
    const workspace = await makeWorkspace(em, { creator: profile });
    const device = { ...origin, deviceId: 'device-of-this-test' };
    const first = await signIn({ em: db.orm.em.fork(), config: serviceConfig(), email: profile.email, password: PASSWORD, workspaceSlug: workspace.slug, client: 'browser', origin: device });
    const longAgo = new Date('2026-01-01T00:00:00Z');
    await em.nativeUpdate(Workspace, { id: workspace.id }, { lastSignInAt: longAgo, cleanupWarningsSent: 2 });
    await em.nativeUpdate(KnownDevice, { profile: profile.id }, { lastSeenAt: longAgo });

    const again = await signIn({ em: db.orm.em.fork(), config: serviceConfig(), email: profile.email, password: PASSWORD, workspaceSlug: workspace.slug, client: 'browser', origin: device });
    if (first.status !== 'signed_in' || again.status !== 'signed_in') throw new Error('expected both sign-ins to complete');
    expect(again.session.id).not.toBe(first.session.id);
    expect(again.session.workspaceId).toBe(workspace.id);

    const check = db.orm.em.fork();
    const validated = await validateSessionToken(check, again.token);
    expect(validated?.profile.id).toBe(profile.id);
    const clock = await check.findOneOrFail(Workspace, { id: workspace.id });
    expect(clock.lastSignInAt.getTime()).toBeGreaterThan(longAgo.getTime());
    expect(clock.cleanupWarningsSent).toBe(0);
    const devices = await check.find(KnownDevice, { profile: profile.id });
    expect(devices).toHaveLength(1);
    expect(devices[0]!.lastSeenAt.getTime()).toBeGreaterThan(longAgo.getTime());
    const events = await check.find(AuditEvent, { targetProfileId: profile.id, action: 'sign_in.succeeded' }, { orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => [event.workspaceId, event.actorProfileId, event.details?.newDevice, event.userAgent])).toEqual([
      [workspace.id, profile.id, true, 'vitest'],
      [workspace.id, profile.id, false, 'vitest'],
    ]);
  });

  it('audits a wrong password against the profile, without an actor', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em, { passwordHash: await hashPassword(PASSWORD) });
    await expect(signIn({ em, config: serviceConfig(), email: profile.email, password: 'not it at all', client: 'browser', origin })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const events = await db.orm.em.fork().find(AuditEvent, { targetProfileId: profile.id });
    expect(events.map((event) => [event.action, event.actorProfileId, event.ipAddress])).toEqual([['sign_in.failed', null, '127.0.0.1']]);
  });

  it('refuses a profile without a password (social-only) as invalid credentials', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em, { passwordHash: null });
    await expect(signIn({ em, config: serviceConfig(), email: profile.email, password: PASSWORD, client: 'browser', origin })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });
});

describe('resolveMembership', () => {
  it('answers access checks from the rows, and makes managed entities only when asked, never over fresher ones', async () => {
    const em = db.orm.em.fork();
    const admin = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: admin });
    const actor = { profileId: admin.id, sessionId: 'x', sessionStartedAt: new Date(), sessionClient: 'browser' as const, sessionWayIn: 'password' as const, sessionAuthenticatedAt: new Date(), locale: 'en' as const, isStaff: false, origin: { ipAddress: null, userAgent: null } };

    const calls = db.orm.em.fork();
    const membership = await resolveMembership({ em: calls, actor, slug: workspace.slug });
    expect(membership.access).toMatchObject({ workspaceId: workspace.id, workspaceCreatorId: admin.id, role: 'admin', status: 'active' });
    expect(calls.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);

    expect(membership.member.workspace.getEntity()).toBe(membership.workspace);
    membership.member.position = 'Founder';
    await calls.flush();
    expect((await db.orm.em.fork().findOneOrFail(Member, { id: membership.access.memberId })).position).toBe('Founder');

    // A workspace loaded (and changed) after the rows were read is the one the membership hands out.
    const later = db.orm.em.fork();
    const lazy = await resolveMembership({ em: later, actor, slug: workspace.slug });
    const loaded = await later.findOneOrFail(Workspace, { id: workspace.id });
    loaded.name = 'Renamed meanwhile';
    expect(lazy.workspace).toBe(loaded);
    expect(lazy.workspace.name).toBe('Renamed meanwhile');
  });
});

describe('listMembers', () => {
  it('refuses a forged cursor with INVALID_INPUT rather than failing', async () => {
    const em = db.orm.em.fork();
    const admin = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: admin });
    await makeMember(em, { workspace, name: 'Someone' });
    const actor = { profileId: admin.id, sessionId: 'x', sessionStartedAt: new Date(), sessionClient: 'browser' as const, sessionWayIn: 'password' as const, sessionAuthenticatedAt: new Date(), locale: 'en' as const, isStaff: false, origin: { ipAddress: null, userAgent: null } };
    const membership = await resolveMembership({ em, actor, slug: workspace.slug });
    const error = await listMembers({ em, membership, cursor: 'not-base64-json', limit: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
  });
});
