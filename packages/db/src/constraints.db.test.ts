import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { Member, Profile, Workspace } from './entities/index.ts';
import { findSessionRecord, insertSessionRecord, touchSessionRecord } from './repositories/session-repository.ts';
import { makeProfile, makeWorkspace, uniqueEmail, uniqueSlug, useTestDatabase } from './testing/index.ts';

const db = useTestDatabase();

describe('database invariants', () => {
  it('runs on a real PostgreSQL under Node 24', async () => {
    expect(process.versions.node.startsWith('24.')).toBe(true);
    const [row] = await db.orm.em.fork().getConnection().execute<{ version: string }[]>('select version()');
    expect(row?.version).toMatch(/^PostgreSQL 18/);
  });

  it('refuses a second profile with the same login email', async () => {
    const em = db.orm.em.fork();
    const email = uniqueEmail();
    await makeProfile(em, { email });
    em.create(Profile, { email, name: 'Twin' });
    await expect(em.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });

  it('refuses a second workspace at the same address', async () => {
    const em = db.orm.em.fork();
    const creator = await makeProfile(em);
    const slug = uniqueSlug();
    await makeWorkspace(em, { creator, slug });
    em.create(Workspace, { slug, name: 'Copy', creator });
    await expect(em.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });

  it('binds a profile to a workspace at most once', async () => {
    const em = db.orm.em.fork();
    const creator = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator });
    em.create(Member, { workspace, profile: creator, role: 'employee', status: 'active', name: 'Again' });
    await expect(em.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });

  it('reads a session with its profile in one query and renews it only once for racing requests', async () => {
    const em = db.orm.em.fork();
    const profile = await makeProfile(em, { name: 'Session Owner' });
    const now = new Date('2026-03-01T10:00:00Z');
    await insertSessionRecord(em, {
      id: 'sess-test-1', secretHash: 'ab'.repeat(32), profileId: profile.id, workspaceId: null,
      client: 'browser', amr: ['pwd'], wayIn: 'password', setupOnly: false, userAgent: 'test', ipAddress: '127.0.0.1', now, expiresAt: new Date(now.getTime() + 60_000),
    });
    const record = await findSessionRecord(em, 'sess-test-1');
    expect(record).toMatchObject({ profileId: profile.id, profileName: 'Session Owner', client: 'browser', workspaceId: null });
    expect(record?.lastActiveAt.getTime()).toBe(now.getTime());

    const later = new Date(now.getTime() + 90_000);
    await Promise.all([
      touchSessionRecord(db.orm.em.fork(), { id: 'sess-test-1', now: later, expiresAt: later, seenLastActiveAt: now }),
      touchSessionRecord(db.orm.em.fork(), { id: 'sess-test-1', now: new Date(later.getTime() + 5), expiresAt: later, seenLastActiveAt: now }),
    ]);
    const renewed = await findSessionRecord(em, 'sess-test-1');
    expect([later.getTime(), later.getTime() + 5]).toContain(renewed?.lastActiveAt.getTime());
  });
});

describe('migrations', () => {
  it('match the entities: a schema change without its migration fails here', async () => {
    expect(await db.orm.migrator.checkSchema()).toBe(false);
  });
});
