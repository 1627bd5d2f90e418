import { describe, expect, it } from 'vitest';
import { Session } from '@gatehouse/db';
import { makeProfile, makeWorkspace, useTestDatabase } from '@gatehouse/db/testing';
import { createSession, validateSessionToken } from './sessions.ts';
import { hashSecret } from './session-token.ts';

const db = useTestDatabase();
const MINUTE = 60_000;

describe('sessions', () => {
  it('stores only the hash of the secret, never the token', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em);
    const { token, session } = await createSession(em, { profileId: profile.id, workspaceId: null, client: 'browser' });
    const [id, secret] = token.split('.');
    const row = await em.fork().findOneOrFail(Session, { id: session.id });
    expect(row.id).toBe(id);
    expect(row.secretHash).toBe(hashSecret(secret!));
    expect(row.secretHash).not.toContain(secret!);
  });

  it('refuses a token whose secret is wrong, even with a valid id', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em);
    const { token } = await createSession(em, { profileId: profile.id, workspaceId: null, client: 'browser' });
    const forged = `${token.split('.')[0]}.${'a'.repeat(32)}`;
    expect(await validateSessionToken(em, forged)).toBeNull();
    expect(await validateSessionToken(em, 'not-a-token')).toBeNull();
    expect(await validateSessionToken(em, token)).not.toBeNull();
  });

  it('ends a browser session after 24 idle minutes and slides while it is used', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em);
    const start = new Date('2026-05-01T08:00:00Z');
    const { token } = await createSession(em, { profileId: profile.id, workspaceId: null, client: 'browser', now: start });

    const at20 = await validateSessionToken(em, token, new Date(start.getTime() + 20 * MINUTE));
    expect(at20?.session.lastActiveAt.getTime()).toBe(start.getTime() + 20 * MINUTE);
    // 40 minutes after sign-in but only 20 after the last use: still signed in.
    expect(await validateSessionToken(em, token, new Date(start.getTime() + 40 * MINUTE))).not.toBeNull();
    // 24 minutes of silence after that: gone, and the row with it.
    expect(await validateSessionToken(em, token, new Date(start.getTime() + 64 * MINUTE))).toBeNull();
    expect(await em.fork().count(Session, { profile: profile.id })).toBe(0);
  });

  it('writes the last activity at most once a minute', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em);
    const start = new Date('2026-05-01T08:00:00Z');
    const { token, session } = await createSession(em, { profileId: profile.id, workspaceId: null, client: 'browser', now: start });
    await validateSessionToken(em, token, new Date(start.getTime() + 30_000));
    const row = await em.fork().findOneOrFail(Session, { id: session.id });
    expect(row.lastActiveAt.getTime()).toBe(start.getTime());
  });

  it('keeps a desktop session renewing itself for weeks of daily use', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em);
    const start = new Date('2026-05-01T08:00:00Z');
    const { token } = await createSession(em, { profileId: profile.id, workspaceId: null, client: 'desktop', now: start });
    for (let day = 1; day <= 60; day += 7) {
      expect(await validateSessionToken(em, token, new Date(start.getTime() + day * 24 * 60 * MINUTE))).not.toBeNull();
    }
  });

  it('applies the idle time the workspace chose', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: profile });
    workspace.sessionIdleMinutes = 5;
    await em.flush();
    const start = new Date('2026-05-01T08:00:00Z');
    const { token } = await createSession(em, { profileId: profile.id, workspaceId: workspace.id, client: 'browser', now: start });
    expect(await validateSessionToken(em, token, new Date(start.getTime() + 6 * MINUTE))).toBeNull();
  });
});
