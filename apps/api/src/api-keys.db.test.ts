import { describe, expect, it } from 'vitest';
import { createClient } from '@gatehouse/client';
import { ApiKey, AuditEvent, Member } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { linkIn } from '@gatehouse/mail';
import { failureOf, useTestServer } from './testing.ts';

const test = useTestServer();
const { db, people } = test;

async function workspaceWithAdmin(name = 'Key Admin') {
  const admin = await people.signedIn({ name });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: `${name}'s company`, slug });
  return { admin, slug };
}

type Admin = Awaited<ReturnType<typeof workspaceWithAdmin>>['admin'];

/** A member who accepted an invitation: an active employee of the workspace. */
async function activeMember(admin: Admin, slug: string) {
  const person = await people.signedIn({ name: 'Keyed Employee' });
  const [sent] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [person.email] });
  const mail = await test.server.mailSink!.waitFor(person.email);
  await person.client.invitations.accept.mutate({ token: new URL(linkIn(mail, `${test.server.publicUrl}/invitation#`)).hash.slice(1) });
  return { ...person, memberId: sent!.memberId! };
}

const keyClient = (apiKey: string, locale?: string) => createClient({ url: test.server.url, apiKey, ...(locale ? { locale } : {}) });

describe('API keys', () => {
  it('a reader key reads its workspace’s directory, over the typed client and plain HTTP, and changes nothing', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const employee = await activeMember(admin, slug);
    const made = await admin.client.apiKeys.create.mutate({ workspace: slug, name: 'Directory sync', role: 'reader' });
    expect(made.key).toMatch(/^gh_[a-z2-7]{32}$/);
    expect(made.apiKey).toMatchObject({ name: 'Directory sync', role: 'reader', status: 'active', hint: made.key.slice(0, 9), lastUsedAt: null, expiresAt: null, createdBy: { name: 'Key Admin' } });
    // Stored as a fingerprint only: the key itself is nowhere in the database.
    const row = await db.orm.em.fork().findOneOrFail(ApiKey, { id: made.apiKey.id });
    expect(JSON.stringify(row)).not.toContain(made.key.slice(9));

    const key = keyClient(made.key);
    const page = await key.members.list.query({ workspace: slug });
    expect(page.items.map((member) => member.name).sort()).toEqual(['Key Admin', 'Keyed Employee']);
    expect((await key.members.get.query({ workspace: slug, memberId: employee.memberId })).status).toBe('active');
    expect((await key.members.counts.query({ workspace: slug })).active).toBe(2);

    // curl: the same key as a bearer token, the same JSON envelope.
    const input = encodeURIComponent(JSON.stringify({ workspace: slug }));
    const response = await fetch(`${test.server.url}/trpc/members.list?input=${input}`, { headers: { authorization: `Bearer ${made.key}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { data: { items: unknown[] } } }).result.data.items).toHaveLength(2);

    // A reader changes nothing, and nothing was changed.
    expect((await failureOf(key.members.dismiss.mutate({ workspace: slug, memberId: employee.memberId }))).appCode).toBe('FORBIDDEN');
    expect((await failureOf(key.invitations.send.mutate({ workspace: slug, emails: [uniqueEmail()] }))).appCode).toBe('FORBIDDEN');
    expect((await db.orm.em.fork().findOneOrFail(Member, { id: employee.memberId })).status).toBe('active');
    // What only a person does stays a person's: their profile, the keys themselves.
    const personal = await failureOf(key.profile.get.query());
    expect(personal).toMatchObject({ appCode: 'FORBIDDEN', message: 'This needs a person signed in: an API key cannot do it.' });
    expect((await failureOf(key.apiKeys.list.query({ workspace: slug }))).appCode).toBe('FORBIDDEN');

    const [listed] = await admin.client.apiKeys.list.query({ workspace: slug });
    expect(listed).toMatchObject({ id: made.apiKey.id, lastUsedAt: expect.any(String) });
    expect(JSON.stringify(listed)).not.toContain(made.key);
  });

  it('is limited to its own workspace: another one’s address answers NOT_FOUND, like a stranger’s', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const other = await workspaceWithAdmin('Other Admin');
    const { key } = await admin.client.apiKeys.create.mutate({ workspace: slug, name: 'Admin script', role: 'admin' });
    const client = keyClient(key);
    expect((await failureOf(client.members.list.query({ workspace: other.slug }))).appCode).toBe('NOT_FOUND');
    expect((await failureOf(client.members.list.query({ workspace: uniqueSlug() }))).appCode).toBe('NOT_FOUND');
    // Nor can the other workspace's admin see or revoke it.
    const [mine] = await admin.client.apiKeys.list.query({ workspace: slug });
    expect(await other.admin.client.apiKeys.list.query({ workspace: other.slug })).toEqual([]);
    expect((await failureOf(other.admin.client.apiKeys.revoke.mutate({ workspace: other.slug, apiKeyId: mine!.id }))).appCode).toBe('NOT_FOUND');
    expect((await client.members.counts.query({ workspace: slug })).all).toBe(1);
  });

  it('an admin key invites, dismisses and rehires under the seeds’ rules, audited as the key', async () => {
    const { admin, slug } = await workspaceWithAdmin('Creator Admin');
    const employee = await activeMember(admin, slug);
    const { key, apiKey } = await admin.client.apiKeys.create.mutate({ workspace: slug, name: 'HR system', role: 'admin' });
    const client = keyClient(key);

    const newcomer = uniqueEmail('newcomer');
    const [invited] = await client.invitations.send.mutate({ workspace: slug, emails: [newcomer], role: 'employee' });
    expect(invited).toMatchObject({ ok: true, memberId: expect.any(String) });
    // No person invited: the mail names the workspace.
    expect((await test.server.mailSink!.waitFor(newcomer)).subject).toBe(`Creator Admin's company invites you to Creator Admin's company`);

    expect((await client.members.dismiss.mutate({ workspace: slug, memberId: employee.memberId })).status).toBe('dismissed');
    // Dismissal by a key ends access as any dismissal does.
    expect((await failureOf(employee.client.members.list.query({ workspace: slug }))).appCode).toBe('MEMBER_DISMISSED');
    expect((await client.members.rehire.mutate({ workspace: slug, memberId: employee.memberId })).status).toBe('active');
    await client.members.update.mutate({ workspace: slug, memberId: employee.memberId, position: 'Payroll' });

    // The creator's rights are the creator's: a key cannot dismiss them, nor appoint or demote anyone.
    const creator = (await client.members.list.query({ workspace: slug })).items.find((member) => member.name === 'Creator Admin')!;
    expect((await failureOf(client.members.dismiss.mutate({ workspace: slug, memberId: creator.id }))).appCode).toBe('CREATOR_PROTECTED');
    expect((await failureOf(client.members.setRole.mutate({ workspace: slug, memberId: employee.memberId, role: 'admin' }))).appCode).toBe('FORBIDDEN');

    const events = await db.orm.em.fork().find(AuditEvent, { actorApiKeyId: apiKey.id }, { orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['member.invited', 'member.dismissed', 'member.rehired', 'member.updated']);
    expect(events.every((event) => event.actorProfileId === null)).toBe(true);
    // The trail tells the key by its name, and finds its events by that name.
    const trail = await client.audit.list.query({ workspace: slug, actor: 'HR sys' });
    expect(trail.items.map((event) => [event.action, event.actor])).toEqual([
      ['member.updated', { profileId: null, apiKeyId: apiKey.id, scimTokenId: null, name: 'HR system' }],
      ['member.rehired', { profileId: null, apiKeyId: apiKey.id, scimTokenId: null, name: 'HR system' }],
      ['member.dismissed', { profileId: null, apiKeyId: apiKey.id, scimTokenId: null, name: 'HR system' }],
      ['member.invited', { profileId: null, apiKeyId: apiKey.id, scimTokenId: null, name: 'HR system' }],
    ]);
    expect((await admin.client.audit.list.query({ workspace: slug, action: 'api_key' })).items.map((event) => event.details)).toEqual([
      expect.objectContaining({ apiKeyId: apiKey.id, name: 'HR system', keyRole: 'admin', expiresAt: null }),
    ]);
  });

  it('a revoked key is refused at once, in the caller’s language, and revoking again changes nothing', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const employee = await activeMember(admin, slug);
    const { key, apiKey } = await admin.client.apiKeys.create.mutate({ workspace: slug, name: 'Old script', role: 'admin' });
    expect((await keyClient(key).members.counts.query({ workspace: slug })).all).toBe(2);
    // Only admins manage keys: the employee can neither list nor revoke them.
    expect((await failureOf(employee.client.apiKeys.revoke.mutate({ workspace: slug, apiKeyId: apiKey.id }))).appCode).toBe('FORBIDDEN');

    const revoked = await admin.client.apiKeys.revoke.mutate({ workspace: slug, apiKeyId: apiKey.id });
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    const refused = await failureOf(keyClient(key, 'fr').members.counts.query({ workspace: slug }));
    expect(refused).toMatchObject({ appCode: 'UNAUTHENTICATED', message: 'Cette clé d’API n’est pas valable : elle est inconnue, révoquée ou expirée.' });
    const plain = await fetch(`${test.server.url}/trpc/members.counts?input=${encodeURIComponent(JSON.stringify({ workspace: slug }))}`, { headers: { authorization: `Bearer ${key}` } });
    expect(plain.status).toBe(401);

    await admin.client.apiKeys.revoke.mutate({ workspace: slug, apiKeyId: apiKey.id });
    const revocations = await db.orm.em.fork().find(AuditEvent, { action: 'api_key.revoked', workspaceId: (await admin.client.workspace.get.query({ workspace: slug })).id });
    expect(revocations).toHaveLength(1);
  });

  it('an expiry is in the future and ends the key when it comes', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const past = await failureOf(admin.client.apiKeys.create.mutate({ workspace: slug, name: 'Too late', role: 'reader', expiresAt: new Date(Date.now() - 60_000).toISOString() }));
    expect(past).toMatchObject({ appCode: 'INVALID_INPUT', fields: { expiresAt: expect.any(String) } });
    const tooFar = await failureOf(admin.client.apiKeys.create.mutate({ workspace: slug, name: 'Forever', role: 'reader', expiresAt: new Date(Date.now() + 4 * 365 * 86_400_000).toISOString() }));
    expect(tooFar.appCode).toBe('INVALID_INPUT');
    expect(await admin.client.apiKeys.list.query({ workspace: slug })).toEqual([]);

    const until = new Date(Date.now() + 86_400_000).toISOString();
    const { key, apiKey } = await admin.client.apiKeys.create.mutate({ workspace: slug, name: 'Temporary', role: 'reader', expiresAt: until });
    expect(apiKey.expiresAt).toBe(until);
    expect((await keyClient(key).members.counts.query({ workspace: slug })).all).toBe(1);
    // The day comes.
    await db.orm.em.fork().nativeUpdate(ApiKey, { id: apiKey.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await failureOf(keyClient(key).members.counts.query({ workspace: slug }))).appCode).toBe('UNAUTHENTICATED');
    expect((await admin.client.apiKeys.list.query({ workspace: slug }))[0]?.status).toBe('expired');
  });

  it('a key revoked while its change waits for the workspace changes nothing', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const employee = await activeMember(admin, slug);
    const { key, apiKey } = await admin.client.apiKeys.create.mutate({ workspace: slug, name: 'Racing script', role: 'admin' });
    // The key was valid when the request arrived; it is revoked before the dismissal takes the workspace lock.
    const em = db.orm.em.fork();
    await em.begin();
    await em.execute(`select id from workspace where slug = '${slug}' for update`);
    const dismissal = failureOf(keyClient(key).members.dismiss.mutate({ workspace: slug, memberId: employee.memberId }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await em.execute(`update api_key set revoked_at = now() where id = '${apiKey.id}'`);
    await em.commit();
    expect((await dismissal).appCode).toBe('UNAUTHENTICATED');
    expect((await db.orm.em.fork().findOneOrFail(Member, { id: employee.memberId })).status).toBe('active');
  });

  // Last: it blocks this file's client address for API keys.
  it('guessing keys is rate-limited per client address, and then even a good key waits', async () => {
    const { admin, slug } = await workspaceWithAdmin();
    const { key } = await admin.client.apiKeys.create.mutate({ workspace: slug, name: 'Good key', role: 'reader' });
    // The revoked and expired keys tried above counted too: at most twenty wrong keys per quarter hour.
    const codes: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 21 && codes.at(-1) !== 'RATE_LIMITED'; attempt++) {
      const guess = `gh_${'a'.repeat(31)}${'abcdefghijklmnopqrstu'[attempt]}`;
      codes.push((await failureOf(keyClient(guess).members.counts.query({ workspace: slug }))).appCode);
    }
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(codes.length).toBeGreaterThan(10);
    expect(new Set(codes.slice(0, -1))).toEqual(new Set(['UNAUTHENTICATED']));
    const blocked = await fetch(`${test.server.url}/trpc/members.counts?input=${encodeURIComponent(JSON.stringify({ workspace: slug }))}`, { headers: { authorization: `Bearer ${key}` } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
