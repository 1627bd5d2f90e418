import { describe, expect, it } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCodeAt } from '@gatehouse/auth';
import { createClient } from '@gatehouse/client';
import { Identity, Member, Passkey, Profile, queryRows, Task, Workspace } from '@gatehouse/db';
import { makeMember, makeWorkspace, uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { failureOf, TEST_PASSWORD, useTestServer } from './testing.ts';

/*
 * A person's rights over their data against the whole api process: their
 * own data and security history downloaded (and nothing secret in them,
 * checked against the rows), and the deletion of their profile — refused
 * while a workspace depends on them, otherwise every workspace keeping its
 * records of them, dismissed, and nothing of theirs left that signs in.
 */

const test = useTestServer();
const { db, people } = test;

/** A person with everything a profile can hold: a second factor with recovery codes, a passkey, a linked account, two sessions, a membership with a task, some history. */
async function personWithEverything() {
  const person = await people.signedIn({ name: 'Dana Data' });
  const { secret } = await person.client.twoFactor.setup.mutate();
  const { recoveryCodes } = await person.client.twoFactor.enable.mutate({ code: totpCodeAt(decodeBase32IgnorePadding(secret), new Date()) });
  const em = db.orm.em.fork();
  const profile = await em.findOneOrFail(Profile, { id: person.profile.id });
  em.create(Passkey, { profile, credentialId: `cred-${person.profile.id}`, publicKey: `pk-${person.profile.id}-public-key-bytes`, deviceType: 'multiDevice', name: 'Laptop' });
  em.create(Identity, { profile, provider: 'google', subject: `google-subject-${person.profile.id}`, email: person.email });
  await em.flush();
  const creator = await people.signedIn({ name: 'Carl Creator' });
  const workspace = await makeWorkspace(em, { creator: await em.findOneOrFail(Profile, { id: creator.profile.id }), slug: uniqueSlug(), name: 'Records Ltd' });
  const member = await makeMember(em, { workspace, profile, name: 'Dana Data (Records)' });
  em.create(Task, { workspace, assignee: member, title: 'Hand in the quarterly report' });
  await em.flush();
  // A second, browser-like session, and a wrong password in the history.
  await createClient({ url: test.server.url }).auth.signIn.mutate({ email: person.email, password: 'not the password at all' }).catch(() => null);
  return { person, secret, recoveryCodes, creator, workspace, member };
}

/** A person's own download, fetched with their session (the link alone opens nothing). */
async function download(url: string, token: string): Promise<{ status: number; type: string | null; disposition: string | null; text: string }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() };
}

/** Every secret the database holds for a profile, as stored: none may appear in what the person downloads. */
async function storedSecretsOf(profileId: string): Promise<string[]> {
  const em = db.orm.em.fork();
  const rows = await queryRows<{ secret: string | null }>(
    em,
    `select password_hash as secret from profile where id = $1
     union all select totp_secret_encrypted from profile where id = $1
     union all select code_hash from recovery_code where profile_id = $1
     union all select secret_hash from session where profile_id = $1
     union all select token_hash from profile_token where profile_id = $1
     union all select subject from identity where profile_id = $1
     union all select public_key from passkey where profile_id = $1`,
    [profileId],
  );
  return rows.map((row) => row.secret).filter((secret): secret is string => !!secret);
}

describe('download my data', () => {
  it('is one JSON file of the profile, its ways in, sessions, memberships and whole history, with no secret of any row in it', async () => {
    const { person, secret, recoveryCodes } = await personWithEverything();
    const { url, expiresAt } = await person.client.profile.exportData.mutate();
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const file = await download(url, person.token);
    // The link alone, or in another person's hands, opens nothing.
    expect((await fetch(url)).status).toBe(404);
    expect((await download(url, (await people.signedIn()).token)).status).toBe(404);
    expect(file.status).toBe(200);
    expect(file.type).toContain('application/json');
    expect(file.disposition).toMatch(/^attachment; filename="gatehouse-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(file.text) as Record<string, unknown> & { sessions: unknown[]; securityEvents: { action: string }[] };

    expect(data.profile).toMatchObject({ id: person.profile.id, email: person.email, name: 'Dana Data', hasPassword: true });
    expect(data.twoFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(data.passkeys).toMatchObject([{ name: 'Laptop', synced: true }]);
    expect(data.identities).toMatchObject([{ provider: 'google', email: person.email }]);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.memberships).toMatchObject([{ workspace: { name: 'Records Ltd' }, role: 'employee', status: 'active', name: 'Dana Data (Records)' }]);
    const actions = data.securityEvents.map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['sign_in.succeeded', 'sign_in.failed', 'two_factor.enabled', 'profile.data_exported']));

    const secrets = [...(await storedSecretsOf(person.profile.id)), secret, person.token, person.token.split('.')[1]!, ...recoveryCodes, TEST_PASSWORD];
    expect(secrets.length).toBeGreaterThanOrEqual(15);
    for (const value of secrets) expect(file.text.includes(value), `a secret of length ${value.length} in the download`).toBe(false);
  });

  it('downloads the whole security history as CSV or NDJSON, only the person’s own, from links that open nothing else', async () => {
    const { person } = await personWithEverything();
    const other = await people.signedIn({ name: 'Someone Else' });
    const ndjson = await download((await person.client.profile.exportSecurityHistory.mutate({ format: 'ndjson' })).url, person.token);
    expect(ndjson.type).toContain('application/x-ndjson');
    const events = ndjson.text.trim().split('\n').map((line) => JSON.parse(line) as { action: string; ipAddress: string | null });
    const [{ count } = { count: -1 }] = await queryRows<{ count: number }>(db.orm.em.fork(), `select count(*)::int as count from audit_event where target_profile_id = $1 and action like any (array['sign_in.%', 'two_factor.%', 'profile.%'])`, [person.profile.id]);
    expect(events).toHaveLength(count);
    expect(events.map((event) => event.action)).toContain('sign_in.failed');

    const { url } = await person.client.profile.exportSecurityHistory.mutate({ format: 'csv' });
    const csv = await download(url, person.token);
    expect(csv.type).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('time,action,workspace,ip_address,user_agent,details');
    expect(csv.text).not.toContain(other.profile.id);
    // The same link under another kind opens nothing; an altered one neither.
    expect((await download(url.replace('/security-history/', '/my-data/'), person.token)).status).toBe(404);
    expect((await download(`${url.slice(0, -3)}abc`, person.token)).status).toBe(404);
    expect((await failureOf(person.client.profile.exportSecurityHistory.mutate({ format: 'xml' as 'csv' }))).appCode).toBe('INVALID_INPUT');

    // A range keeps what happened in it: a sign-in of last year is in the whole history, not in the last month's.
    const [{ id: lastYear } = { id: '' }] = await queryRows<{ id: string }>(
      db.orm.em.fork(),
      `insert into audit_event (id, target_profile_id, action, created_at) values (gen_random_uuid(), $1, 'sign_in.succeeded', now() - interval '400 days') returning id`,
      [person.profile.id],
    );
    const whole = await download((await person.client.profile.exportSecurityHistory.mutate({ format: 'ndjson' })).url, person.token);
    expect(whole.text).toContain(lastYear);
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const month = await download((await person.client.profile.exportSecurityHistory.mutate({ format: 'ndjson', from, to: new Date(Date.now() + 60_000).toISOString() })).url, person.token);
    expect(month.text).not.toContain(lastYear);
    expect(month.text).toContain('sign_in.failed');
    expect((await failureOf(person.client.profile.exportSecurityHistory.mutate({ format: 'csv', from: '1990-01-01T00:00:00Z' }))).appCode).toBe('INVALID_INPUT');
  });

  it('is asked at a person’s pace: ten downloads an hour, then a clear wait', async () => {
    const person = await people.signedIn({ name: 'Eager Exporter' });
    for (let i = 0; i < 10; i++) await (i % 2 ? person.client.profile.exportData.mutate() : person.client.profile.exportSecurityHistory.mutate({ format: 'csv' }));
    const refused = await failureOf(person.client.profile.exportData.mutate());
    expect(refused.appCode).toBe('RATE_LIMITED');
    expect(refused.message).toMatch(/Try again in \d+ seconds/);
  });
});

describe('deleting a profile', () => {
  it('is refused to a workspace’s creator and to its last admin, naming each workspace, changing nothing', async () => {
    const founder = await people.signedIn({ name: 'Fiona Founder' });
    const slug = uniqueSlug();
    await founder.client.workspace.create.mutate({ name: 'Founded Co', slug });
    const refused = await failureOf(founder.client.profile.delete.mutate({ password: TEST_PASSWORD }));
    expect(refused.appCode).toBe('PROFILE_NOT_DELETABLE');
    expect(refused.message).toContain('you are the creator of Founded Co');

    // The last active admin of a workspace whose creator was demoted and dismissed long ago.
    const em = db.orm.em.fork();
    const keeper = await people.signedIn({ name: 'Kim Keeper' });
    const workspace = await makeWorkspace(em, { creator: await em.findOneOrFail(Profile, { id: founder.profile.id }), name: 'Kept Alive' });
    await queryRows(em, `update member set role = 'employee', status = 'dismissed' where workspace_id = $1`, [workspace.id]);
    await makeMember(em, { workspace, profile: await em.findOneOrFail(Profile, { id: keeper.profile.id }), role: 'admin' });
    const lastAdmin = await failureOf(keeper.client.profile.delete.mutate({ password: TEST_PASSWORD }));
    expect(lastAdmin.appCode).toBe('PROFILE_NOT_DELETABLE');
    expect(lastAdmin.message).toContain('you are the last administrator of Kept Alive');
    await keeper.client.profile.update.mutate({ locale: 'fr' });
    const french = await failureOf(keeper.client.profile.delete.mutate({ password: TEST_PASSWORD }));
    expect(french.message).toContain('vous êtes le dernier administrateur de Kept Alive');

    expect(await db.orm.em.fork().count(Profile, { id: { $in: [founder.profile.id, keeper.profile.id] } })).toBe(2);
    expect((await keeper.client.auth.session.query())?.profile.id).toBe(keeper.profile.id);
  });

  it('asks for every factor the person has, and a wrong one changes nothing', async () => {
    const { person, recoveryCodes } = await personWithEverything();
    expect((await failureOf(person.client.profile.delete.mutate({}))).appCode).toBe('REAUTHENTICATION_REQUIRED');
    expect((await failureOf(person.client.profile.delete.mutate({ password: TEST_PASSWORD }))).appCode).toBe('REAUTHENTICATION_REQUIRED');
    expect((await failureOf(person.client.profile.delete.mutate({ password: 'a wrong passphrase here', code: recoveryCodes[0]! }))).appCode).toBe('INVALID_CREDENTIALS');
    expect((await failureOf(person.client.profile.delete.mutate({ password: 'x'.repeat(5000) }))).appCode).toBe('INVALID_INPUT');
    expect(await db.orm.em.fork().count(Profile, { id: person.profile.id })).toBe(1);
  });

  it('removes everything that signs in, keeps every workspace’s records of the person, dismissed and named, and frees the address', async () => {
    const { person, recoveryCodes, creator, workspace, member } = await personWithEverything();
    // Something the person did as an admin's colleague, for the trail to name them by later.
    await creator.client.members.setRole.mutate({ workspace: workspace.slug, memberId: member.id, role: 'admin', password: TEST_PASSWORD });
    await person.client.members.update.mutate({ workspace: workspace.slug, memberId: member.id, position: 'Analyst' });

    const result = await person.client.profile.delete.mutate({ password: TEST_PASSWORD, code: recoveryCodes[0]! });
    expect(result).toEqual({ deleted: true, workspacesLeft: 1 });

    // Nothing of theirs signs in: not the session, not the password, and no row is left that could.
    expect(await person.client.auth.session.query()).toBeNull();
    expect((await failureOf(createClient({ url: test.server.url }).auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD }))).appCode).toBe('INVALID_CREDENTIALS');
    const [left] = await queryRows<Record<string, number>>(
      db.orm.em.fork(),
      `select (select count(*) from profile where id = $1)::int as profiles, (select count(*) from session where profile_id = $1)::int as sessions,
              (select count(*) from identity where profile_id = $1)::int as identities, (select count(*) from passkey where profile_id = $1)::int as passkeys,
              (select count(*) from recovery_code where profile_id = $1)::int as codes, (select count(*) from audit_event where target_profile_id = $1 and workspace_id is null and action <> 'profile.deleted')::int as history`,
      [person.profile.id],
    );
    expect(left).toEqual({ profiles: 0, sessions: 0, identities: 0, passkeys: 0, codes: 0, history: 0 });

    // The workspace keeps its member, dismissed under the name it knew, with the task; the login address is gone from it.
    const em = db.orm.em.fork();
    const kept = await em.findOneOrFail(Member, { id: member.id });
    expect(kept).toMatchObject({ status: 'dismissed', name: 'Dana Data (Records)', position: 'Analyst', contactEmail: null, profile: null, departedProfileId: person.profile.id });
    expect(await em.count(Task, { assignee: member.id })).toBe(1);
    expect(await em.count(Workspace, { id: workspace.id })).toBe(1);

    // Its admins see the dismissal in the trail, the person still named as who acted, and the webhook event is queued.
    const trail = await creator.client.audit.list.query({ workspace: workspace.slug });
    const dismissal = trail.items.find((event) => event.action === 'member.dismissed');
    expect(dismissal).toMatchObject({ actor: { name: 'Dana Data (Records)' }, target: { name: 'Dana Data (Records)' }, details: { profileDeleted: true } });
    expect(trail.items.find((event) => event.action === 'member.updated')?.actor?.name).toBe('Dana Data (Records)');
    const hooks = await queryRows<{ type: string }>(em, `select type from webhook_event where workspace_id = $1 and member_id = $2`, [workspace.id, member.id]);
    expect(hooks.map((hook) => hook.type)).toContain('member.dismissed');
    // The directory shows them dismissed, and there is no one to bring back.
    const directory = await creator.client.members.list.query({ workspace: workspace.slug, status: 'dismissed' });
    expect(directory.items.map((item) => item.id)).toContain(member.id);
    expect((await failureOf(creator.client.members.rehire.mutate({ workspace: workspace.slug, memberId: member.id }))).appCode).toBe('NOT_FOUND');

    // The address is told, in the person's language, which workspaces keep their records.
    const goodbye = await test.server.mailSink!.waitFor(person.email, (mail) => mail.subject === 'Your Gatehouse profile was deleted');
    expect(goodbye.text).toContain('You were dismissed from Records Ltd');

    // The address is free: a new profile signs up with it, a stranger to the workspace.
    const signUp = await createClient({ url: test.server.url }).auth.signUp.mutate({ email: person.email, password: TEST_PASSWORD, name: 'Dana Again' });
    expect(signUp).toBeTruthy();
    const again = await db.orm.em.fork().findOneOrFail(Profile, { email: person.email });
    expect(again.id).not.toBe(person.profile.id);
    expect(await db.orm.em.fork().count(Member, { profile: again.id })).toBe(0);
  });

  it('lets a person in two workspaces go from both at once, each told, while a deletion elsewhere cannot leave a workspace without an admin', async () => {
    const first = await people.signedIn({ name: 'First Admin' });
    const second = await people.signedIn({ name: 'Second Admin' });
    const em = db.orm.em.fork();
    const founder = await people.signedIn({ name: 'Gone Founder' });
    const workspace = await makeWorkspace(em, { creator: await em.findOneOrFail(Profile, { id: founder.profile.id }), name: 'Two Admins' });
    await queryRows(em, `update member set role = 'employee', status = 'dismissed' where workspace_id = $1`, [workspace.id]);
    for (const person of [first, second]) await makeMember(em, { workspace, profile: await em.findOneOrFail(Profile, { id: person.profile.id }), role: 'admin', contactEmail: uniqueEmail('contact') });
    // Both admins leave at the same moment: one goes, the other is held back as the last admin.
    const outcomes = await Promise.allSettled([first, second].map((person) => person.client.profile.delete.mutate({ password: TEST_PASSWORD })));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refusal = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult | undefined;
    expect((refusal?.reason as { data?: { appCode?: string } }).data?.appCode).toBe('PROFILE_NOT_DELETABLE');
    const [{ admins } = { admins: -1 }] = await queryRows<{ admins: number }>(db.orm.em.fork(), `select count(*)::int as admins from member where workspace_id = $1 and role = 'admin' and status = 'active'`, [workspace.id]);
    expect(admins).toBe(1);
    // A contact address of the company's own stays with the record.
    const departed = await db.orm.em.fork().findOneOrFail(Member, { workspace: workspace.id, departedProfileId: { $ne: null } });
    expect(departed.contactEmail).toMatch(/^contact/);
  });
});
