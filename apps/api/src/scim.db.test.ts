import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditEvent, Member, Profile, ScimToken } from '@gatehouse/db';
import { uniqueSlug } from '@gatehouse/db/testing';
import { failureOf, useTestDns, useTestServer } from './testing.ts';

/*
 * SCIM 2.0 driven the way Microsoft Entra ID and Okta drive it: their
 * request sequences and quirks, against the whole api process and a real
 * database; the domain verified through a DNS server started here.
 */

const dns = useTestDns();
const test = useTestServer({ env: () => ({ DNS_SERVERS: dns.address }) });
const { db, people } = test;

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

let next = 0;
const freshDomain = () => `scim-${Date.now().toString(36)}-${++next}.example`;

/** A workspace whose admin verified a domain and made a SCIM token, as the console does it. */
async function provisionedWorkspace(name = 'Ada Admin') {
  const admin = await people.signedIn({ name });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: `${name}'s company`, slug });
  const domain = freshDomain();
  const added = await admin.client.domains.add.mutate({ workspace: slug, domain });
  dns.records.set(added.record.name, [added.record.value]);
  await admin.client.domains.verify.mutate({ workspace: slug, domainId: added.id });
  const { token, scimToken } = await admin.client.scim.createToken.mutate({ workspace: slug, name: 'Entra ID' });
  return { admin, slug, domain, token, scimToken, scim: scimClient(slug, token) };
}

interface ScimAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- SCIM documents are read as the directory reads them
  body: any;
}

/** A directory's HTTP calls to one workspace's endpoint. */
function scimClient(slug: string, token: string | null) {
  const call = async (method: string, path: string, body?: unknown, init: { raw?: string; contentType?: string } = {}): Promise<ScimAnswer> => {
    const headers: Record<string, string> = { accept: 'application/scim+json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined || init.raw !== undefined) headers['content-type'] = init.contentType ?? 'application/scim+json';
    const response = await fetch(`${test.server.url}/scim/v2/${slug}${path}`, { method, headers, ...(init.raw !== undefined ? { body: init.raw } : body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
  return {
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    patch: (path: string, operations: unknown[]) => call('PATCH', path, { schemas: [PATCH_SCHEMA], Operations: operations }),
    delete: (path: string) => call('DELETE', path),
  };
}

const filter = (expression: string) => `?filter=${encodeURIComponent(expression)}`;

/** A User as Entra ID's provisioning service posts it. */
function entraUser(email: string, externalId = randomUUID()) {
  return {
    schemas: [USER_SCHEMA, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId,
    userName: email,
    active: true,
    displayName: 'Grace Hopper',
    emails: [{ primary: true, type: 'work', value: email }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
    title: 'Rear admiral',
    roles: [],
  };
}

async function memberRow(memberId: string): Promise<Member> {
  return db.orm.em.fork().findOneOrFail(Member, { id: memberId }, { populate: ['profile'] });
}

async function activeCount(slug: string): Promise<number> {
  return db.orm.em.fork().count(Member, { workspace: { slug }, status: { $in: ['active', 'invited', 'awaiting_approval'] } });
}

describe('SCIM tokens', () => {
  it('are shown once, listed by their hint, required on every call, bound to their workspace, and end at once when revoked', async () => {
    const { admin, slug, domain, token, scimToken, scim } = await provisionedWorkspace();
    expect(token).toMatch(/^ghscim_/);
    expect(scimToken).toMatchObject({ name: 'Entra ID', status: 'active', createdBy: { name: 'Ada Admin' } });
    expect(token.startsWith(scimToken.hint)).toBe(true);
    const listed = await admin.client.scim.tokens.query({ workspace: slug });
    expect(JSON.stringify(listed)).not.toContain(token);
    const row = await db.orm.em.fork().findOneOrFail(ScimToken, { id: scimToken.id });
    expect(row.secretHash).not.toContain(token.slice(7));

    const config = await scim.get('/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 200 }, bulk: { supported: false } });
    expect((await scim.get('/ResourceTypes')).body.Resources.map((type: { id: string }) => type.id).sort()).toEqual(['Group', 'User']);
    expect((await scim.get('/Schemas')).body.Resources.map((schema: { id: string }) => schema.id)).toEqual(expect.arrayContaining([USER_SCHEMA, GROUP_SCHEMA]));

    // No token, a made-up one, and this workspace's token on another workspace's path: all alike.
    const missing = await scimClient(slug, null).get('/Users');
    expect(missing).toMatchObject({ status: 401, body: { schemas: [ERROR_SCHEMA], status: '401' } });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await scimClient(slug, 'ghscim_made-up').get('/Users')).status).toBe(401);
    const other = await provisionedWorkspace('Otto Other');
    expect((await scimClient(other.slug, token).get('/Users')).status).toBe(401);

    // A member who is no admin manages no tokens.
    const employee = await people.signedIn({ name: 'Evan Employee', email: `evan@${domain}` });
    expect((await scim.post('/Users', entraUser(employee.email))).status).toBe(201);
    expect((await failureOf(employee.client.scim.tokens.query({ workspace: slug }))).appCode).toBe('FORBIDDEN');
    expect((await failureOf(other.admin.client.scim.revokeToken.mutate({ workspace: other.slug, scimTokenId: scimToken.id }))).appCode).toBe('NOT_FOUND');

    await admin.client.scim.revokeToken.mutate({ workspace: slug, scimTokenId: scimToken.id });
    expect((await scim.get('/Users')).status).toBe(401);
    expect((await admin.client.scim.tokens.query({ workspace: slug }))[0]).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });

    const trail = await admin.client.audit.list.query({ workspace: slug, limit: 20 });
    expect(trail.items.filter((event) => event.action.startsWith('scim_token.')).map((event) => event.action)).toEqual(['scim_token.revoked', 'scim_token.created']);
  });
});

describe('provisioning as Microsoft Entra ID does it', () => {
  it('probes, looks up, creates, updates with its PATCH quirks, switches off (dismissal) and on again (rehire with the old role)', async () => {
    const { admin, slug, domain, scim } = await provisionedWorkspace();

    // Entra's connection test: a user that cannot exist.
    const probe = await scim.get(`/Users${filter(`userName eq "${randomUUID()}"`)}`);
    expect(probe).toMatchObject({ status: 200, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] } });

    const email = `grace.hopper@${domain}`;
    expect((await scim.get(`/Users${filter(`userName eq "${email}"`)}`)).body.totalResults).toBe(0);
    const externalId = randomUUID();
    const created = await scim.post('/Users', entraUser(email, externalId));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName: email, externalId, active: true, displayName: 'Grace Hopper', title: 'Rear admiral', name: { givenName: 'Grace', familyName: 'Hopper' }, emails: [{ value: email, primary: true }] });
    expect(created.body.meta.location).toBe(`${test.server.publicUrl}/scim/v2/${slug}/Users/${created.body.id}`);
    const id: string = created.body.id;

    // The person is a member now, in a seat, told by mail where to sign in.
    const member = await memberRow(id);
    expect(member).toMatchObject({ status: 'active', role: 'employee', source: 'scim', name: 'Grace Hopper', position: 'Rear admiral' });
    // No password: the person sets one through "Forgot your password?", or signs in through single sign-on.
    expect(await db.orm.em.fork().findOneOrFail(Profile, { email }, { populate: ['passwordHash'] })).toMatchObject({ passwordHash: null });
    const mail = await test.server.mailSink!.waitFor(email);
    expect(mail.text).toContain(`/signin?workspace=${slug}`);

    // Looked up as Entra does after a restart: by externalId, by userName, by email.
    for (const expression of [`externalId eq "${externalId}"`, `userName eq "${email.toUpperCase()}"`, `emails[value eq "${email}"]`]) {
      expect((await scim.get(`/Users${filter(expression)}`)).body.Resources.map((user: { id: string }) => user.id), expression).toEqual([id]);
    }

    // Entra's PATCH: capitalized operations, paths with filters, booleans as strings.
    const renamed = await scim.patch(`/Users/${id}`, [
      { op: 'Replace', path: 'displayName', value: 'Grace B. Hopper' },
      { op: 'Add', path: 'title', value: 'Commodore' },
      { op: 'Replace', path: 'name.givenName', value: 'Grace B.' },
    ]);
    expect(renamed).toMatchObject({ status: 200, body: { displayName: 'Grace B. Hopper', title: 'Commodore', name: { givenName: 'Grace B.' }, active: true } });

    // The admin gives her a role of their own; then the directory switches her off.
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: id, role: 'extranet' });
    const seatsBefore = await activeCount(slug);
    const off = await scim.patch(`/Users/${id}`, [{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    expect(await memberRow(id)).toMatchObject({ status: 'dismissed', name: 'Grace B. Hopper', dismissedAt: expect.any(Date) });
    expect(await activeCount(slug)).toBe(seatsBefore - 1);
    expect((await scim.get(`/Users${filter('active eq false')}`)).body.Resources.map((user: { id: string }) => user.id)).toEqual([id]);

    const on = await scim.patch(`/Users/${id}`, [{ op: 'replace', path: 'active', value: 'True' }]);
    expect(on).toMatchObject({ status: 200, body: { active: true } });
    expect(await memberRow(id)).toMatchObject({ status: 'active', role: 'extranet', dismissedAt: null });

    const trail = await db.orm.em.fork().find(AuditEvent, { targetMemberId: id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    expect(trail.map((event) => event.action)).toEqual(['member.provisioned', 'member.updated', 'member.role_changed', 'member.dismissed', 'member.rehired']);
    expect(trail[0]!.actorScimTokenId).toBeTruthy();
    const listed = await admin.client.audit.list.query({ workspace: slug, limit: 5 });
    expect(listed.items.find((event) => event.action === 'member.dismissed')!.actor).toMatchObject({ scimTokenId: trail[0]!.actorScimTokenId, name: 'Entra ID' });
  });

  it('ends the session a person has open at the moment the directory switches them off', async () => {
    const { slug, domain, scim } = await provisionedWorkspace();
    // Someone who signed up on their own with their work address is linked, not duplicated.
    const person = await people.signedIn({ name: 'Linus Linked', email: `linus@${domain}` });
    const created = await scim.post('/Users', entraUser(person.email));
    expect(created.status).toBe(201);
    expect((await memberRow(created.body.id)).profile!.id).toBe(person.profile.id);
    expect(await db.orm.em.fork().count(Profile, { email: person.email })).toBe(1);
    expect((await person.client.workspace.get.query({ workspace: slug })).slug).toBe(slug);

    expect((await scim.patch(`/Users/${created.body.id}`, [{ op: 'Replace', path: 'active', value: false }])).status).toBe(200);
    expect((await failureOf(person.client.workspace.get.query({ workspace: slug }))).appCode).toBe('MEMBER_DISMISSED');
  });
});

describe('provisioning as Okta does it', () => {
  it('updates with PUT, deactivates with a value-only PATCH, and accepts a userName that is not an email', async () => {
    const { slug, domain, scim } = await provisionedWorkspace();
    const email = `carol@${domain}`;
    const okta = { schemas: [USER_SCHEMA], userName: 'carol', name: { givenName: 'Carol', familyName: 'Shaw' }, emails: [{ primary: true, value: email, type: 'work' }], displayName: 'Carol Shaw', locale: 'fr-FR', externalId: '00u1abcd', groups: [], active: true };
    expect((await scim.get(`/Users${filter('userName eq "carol"')}&startIndex=1&count=100`)).body.totalResults).toBe(0);
    const created = await scim.post('/Users', okta);
    expect(created).toMatchObject({ status: 201, body: { userName: 'carol', emails: [{ value: email }] } });
    const id: string = created.body.id;
    expect((await memberRow(id)).profile!.getEntity()).toMatchObject({ email, locale: 'fr' });
    expect((await scim.get(`/Users${filter('userName eq "carol"')}`)).body.Resources).toHaveLength(1);

    const put = await scim.put(`/Users/${id}`, { ...okta, id, name: { givenName: 'Carol', familyName: 'Shaw-Smith' }, displayName: 'Carol Shaw-Smith' });
    expect(put).toMatchObject({ status: 200, body: { displayName: 'Carol Shaw-Smith', name: { familyName: 'Shaw-Smith' } } });

    const off = await scim.patch(`/Users/${id}`, [{ op: 'replace', value: { active: false } }]);
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    expect((await memberRow(id)).status).toBe('dismissed');
    // The same deactivation again changes nothing and records nothing more.
    expect((await scim.put(`/Users/${id}`, { ...okta, active: false })).status).toBe(200);
    expect(await db.orm.em.fork().count(AuditEvent, { targetMemberId: id, action: 'member.dismissed' })).toBe(1);
    expect((await scim.put(`/Users/${id}`, { ...okta, active: true })).body.active).toBe(true);
    expect(await activeCount(slug)).toBe(2);
  });
});

describe('listing Users', () => {
  it('pages in creation order with the total of every match, past the end and with count=0 too, each User with their groups', async () => {
    const { scim, domain } = await provisionedWorkspace();
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three', 'four', 'five']) ids.push((await scim.post('/Users', entraUser(`page.${name}@${domain}`))).body.id);
    const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Paged people', members: [{ value: ids[2] }] });
    expect(group.status).toBe(201);

    // The admin who made the workspace is a member the directory sees too: six in all.
    const middle = await scim.get('/Users?startIndex=3&count=2');
    expect(middle.body).toMatchObject({ totalResults: 6, startIndex: 3, itemsPerPage: 2 });
    expect(middle.body.Resources.map((user: { id: string }) => user.id)).toEqual([ids[1], ids[2]]);
    expect(middle.body.Resources[0].groups).toEqual([]);
    expect(middle.body.Resources[1].groups).toEqual([{ value: group.body.id, display: 'Paged people', $ref: expect.stringMatching(new RegExp(`/Groups/${group.body.id}$`)) }]);
    expect(middle.body.Resources[1]).toMatchObject({ userName: `page.three@${domain}`, active: true, emails: [{ value: `page.three@${domain}`, primary: true }], meta: { resourceType: 'User' } });
    expect(new Date(middle.body.Resources[1].meta.created).getTime()).toBeLessThanOrEqual(Date.now());

    expect((await scim.get('/Users?startIndex=40&count=10')).body).toMatchObject({ totalResults: 6, startIndex: 40, itemsPerPage: 0, Resources: [] });
    expect((await scim.get('/Users?count=0')).body).toMatchObject({ totalResults: 6, itemsPerPage: 0, Resources: [] });
    const matching = await scim.get(`/Users${filter('userName sw "page."')}&startIndex=5&count=3`);
    expect(matching.body).toMatchObject({ totalResults: 5, itemsPerPage: 1 });
    expect(matching.body.Resources[0].id).toBe(ids[4]);
  });
});

describe('deprovisioning by DELETE', () => {
  it('dismisses, keeps every record, frees the seat, answers 404 after, and a later create brings the same member back', async () => {
    const { admin, slug, domain, scim } = await provisionedWorkspace();
    const email = `dan@${domain}`;
    const id: string = (await scim.post('/Users', entraUser(email))).body.id;
    const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', members: [{ value: id }] });
    const seats = await activeCount(slug);

    const deleted = await scim.delete(`/Users/${id}`);
    expect(deleted.status).toBe(204);
    expect(await scim.get(`/Users/${id}`)).toMatchObject({ status: 404, body: { schemas: [ERROR_SCHEMA], status: '404' } });
    expect((await scim.delete(`/Users/${id}`)).status).toBe(404);
    expect((await scim.get(`/Groups/${group.body.id}`)).body.members).toEqual([]);
    expect(await activeCount(slug)).toBe(seats - 1);
    // The record stays, dismissed, for the company's records; the console still shows it.
    expect(await memberRow(id)).toMatchObject({ status: 'dismissed', name: 'Grace Hopper', directoryRemovedAt: expect.any(Date) });
    expect((await admin.client.members.get.query({ workspace: slug, memberId: id })).status).toBe('dismissed');

    const again = await scim.post('/Users', entraUser(email));
    expect(again).toMatchObject({ status: 201, body: { id, active: true } });
    expect(await activeCount(slug)).toBe(seats);
  });
});

describe('groups', () => {
  it('are created and changed as Entra and Okta do it, and a group mapped to a role gives its members that role', async () => {
    const { admin, slug, domain, scim } = await provisionedWorkspace();
    const alice: string = (await scim.post('/Users', entraUser(`alice@${domain}`))).body.id;
    const bob: string = (await scim.post('/Users', entraUser(`bob@${domain}`))).body.id;

    expect((await scim.get(`/Groups${filter('displayName eq "Gatehouse Admins"')}&excludedAttributes=members`)).body.totalResults).toBe(0);
    const created = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Gatehouse Admins', externalId: randomUUID(), members: [] });
    expect(created).toMatchObject({ status: 201, body: { displayName: 'Gatehouse Admins', members: [] } });
    const groupId: string = created.body.id;
    expect((await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'gatehouse admins' })).body.scimType).toBe('uniqueness');

    // Entra adds with a value list; the console maps the group to a role.
    expect((await scim.patch(`/Groups/${groupId}`, [{ op: 'Add', path: 'members', value: [{ value: alice }, { value: bob }] }])).body.members).toHaveLength(2);
    const [listed] = await admin.client.scim.groups.query({ workspace: slug });
    expect(listed).toMatchObject({ id: groupId, displayName: 'Gatehouse Admins', memberCount: 2, role: null });
    expect(await admin.client.scim.mapGroup.mutate({ workspace: slug, groupId, role: 'admin' })).toMatchObject({ role: 'admin' });
    expect((await memberRow(alice)).role).toBe('admin');
    expect((await memberRow(bob)).role).toBe('admin');

    // Okta removes by a filtered path, Entra by a value list: each leaves the group a newcomer again.
    expect((await scim.patch(`/Groups/${groupId}`, [{ op: 'remove', path: `members[value eq "${alice}"]` }])).body.members.map((entry: { value: string }) => entry.value)).toEqual([bob]);
    expect((await memberRow(alice)).role).toBe('employee');
    expect((await scim.patch(`/Groups/${groupId}`, [{ op: 'Remove', path: 'members', value: [{ value: bob }] }])).body.members).toEqual([]);
    expect((await memberRow(bob)).role).toBe('employee');

    // The creator is an admin whatever the directory says.
    const creator = await db.orm.em.fork().findOneOrFail(Member, { workspace: { slug }, profile: admin.profile.id });
    expect(await admin.client.scim.mapGroup.mutate({ workspace: slug, groupId, role: 'extranet' })).toMatchObject({ role: 'extranet' });
    expect((await scim.patch(`/Groups/${groupId}`, [{ op: 'add', path: 'members', value: [{ value: creator.id }] }])).status).toBe(200);
    expect((await memberRow(creator.id)).role).toBe('admin');

    expect((await scim.delete(`/Groups/${groupId}`)).status).toBe(204);
    expect((await scim.get(`/Groups/${groupId}`)).status).toBe(404);
    const actions = (await db.orm.em.fork().find(AuditEvent, { workspaceId: creator.workspace.id, action: { $like: 'scim_group.%' } }, { orderBy: { createdAt: 'asc', id: 'asc' } })).map((event) => event.action);
    expect(actions).toEqual(['scim_group.created', 'scim_group.updated', 'scim_group.role_mapped', 'scim_group.updated', 'scim_group.updated', 'scim_group.role_mapped', 'scim_group.updated', 'scim_group.removed']);
  });
});

describe('bad requests', () => {
  it('are refused in SCIM’s error shape and change nothing', async () => {
    const { slug, domain, scim } = await provisionedWorkspace();
    const people = await activeCount(slug);

    const elsewhere = await scim.post('/Users', entraUser('someone@unverified.example'));
    expect(elsewhere).toMatchObject({ status: 400, body: { schemas: [ERROR_SCHEMA], scimType: 'invalidValue' } });
    expect(elsewhere.body.detail).toMatch(/domain/i);
    expect((await scim.call('POST', '/Users', undefined, { raw: '{"userName": ' })).body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect((await scim.call('POST', '/Users', undefined, { raw: JSON.stringify({ ...entraUser(`big@${domain}`), padding: 'x'.repeat(1_100_000) }) })).status).toBe(413);
    expect((await scim.post('/Users', { ...entraUser(`nameless@${domain}`), userName: undefined })).body.scimType).toBe('invalidValue');
    expect((await scim.post('/Users', { ...entraUser(`long@${domain}`), displayName: 'x'.repeat(201) })).body.scimType).toBe('invalidValue');
    expect((await scim.post('/Users', { ...entraUser(`flag@${domain}`), active: 'maybe' })).body.scimType).toBe('invalidValue');
    for (const expression of ['userName eq', 'password eq "x"', 'userName eq "a" and (', 'active gt true']) {
      expect((await scim.get(`/Users${filter(expression)}`)).body, expression).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    }
    expect((await scim.get('/Users?count=ten')).status).toBe(400);
    expect((await scim.get('/Nothing')).status).toBe(404);
    expect(await activeCount(slug)).toBe(people);

    // One person, one userName, one contact address.
    const first = await scim.post('/Users', entraUser(`erin@${domain}`));
    expect((await scim.post('/Users', entraUser(`erin@${domain}`))).body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const second = await scim.post('/Users', entraUser(`frank@${domain}`));
    const taken = await scim.put(`/Users/${second.body.id}`, { ...entraUser(`frank@${domain}`), emails: [{ primary: true, value: `erin@${domain}` }] });
    expect(taken.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect((await scim.get(`/Users/${second.body.id}`)).body.emails[0].value).toBe(`frank@${domain}`);
    const copied = await scim.post('/Users', { ...entraUser(`gina@${domain}`), emails: [{ primary: true, value: `erin@${domain}` }] });
    expect(copied.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect((await scim.get(`/Users${filter(`userName eq "gina@${domain}"`)}`)).body.totalResults).toBe(0);
    expect((await scim.patch(`/Users/${first.body.id}`, [{ op: 'jump', path: 'active' }])).status).toBe(400);
    expect((await scim.call('PATCH', `/Users/${first.body.id}`, { Operations: [{ op: 'replace', path: 'active', value: false }] })).status).toBe(400);
    expect((await memberRow(first.body.id)).status).toBe('active');

    // Another workspace's ids are not there at all.
    const other = await provisionedWorkspace('Otto Other');
    const theirs = await other.scim.post('/Users', entraUser(`zoe@${other.domain}`));
    expect((await scim.get(`/Users/${theirs.body.id}`)).status).toBe(404);
    expect((await scim.patch(`/Users/${theirs.body.id}`, [{ op: 'replace', path: 'active', value: false }])).status).toBe(404);
    expect((await scim.delete(`/Users/${theirs.body.id}`)).status).toBe(404);
    expect((await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Raid', members: [{ value: theirs.body.id }] })).body.scimType).toBe('invalidValue');
    expect((await memberRow(theirs.body.id)).status).toBe('active');
    expect((await scim.post('/Users', entraUser(`zoe@${other.domain}`))).status).toBe(400);
  });

  it('never overfill the plan: twenty creates at once fill exactly the free seats', async () => {
    const { slug, domain, scim } = await provisionedWorkspace();
    const free = 12 - (await activeCount(slug));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => scim.post('/Users', entraUser(`crowd-${index}@${domain}`))));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(free);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused).toHaveLength(20 - free);
    for (const answer of refused) expect(answer).toMatchObject({ status: 403, body: { schemas: [ERROR_SCHEMA], status: '403' } });
    expect(await activeCount(slug)).toBe(12);
    // A person switched off frees a seat the directory can fill again.
    const someone = answers.find((answer) => answer.status === 201)!.body.id;
    await scim.patch(`/Users/${someone}`, [{ op: 'Replace', path: 'active', value: 'False' }]);
    expect((await scim.post('/Users', entraUser(`late@${domain}`))).status).toBe(201);
  });
});

describe('wrong tokens', () => {
  it('are rate-limited by address, saying when to try again', async () => {
    const slug = uniqueSlug();
    const answers = [];
    for (let attempt = 0; attempt < 25; attempt += 1) answers.push(await scimClient(slug, `ghscim_guess-${attempt}`).get('/Users'));
    const limited = answers.find((answer) => answer.status === 429);
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited!.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '429' });
  });
});
