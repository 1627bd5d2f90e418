import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Identity, Member, Profile, SamlAssertion } from '@gatehouse/db';
import { uniqueSlug } from '@gatehouse/db/testing';
import { failureOf, signingKey, startSamlDirectory, testBrowser, TEST_PASSWORD, useTestDns, useTestServer, workspaceWithVerifiedDomain, type SamlAccount, type SamlDirectory } from './testing.ts';

/*
 * Single sign-on through a company directory over SAML 2.0: a real identity
 * provider (samlify) started here, signing with its own key; the browser's
 * round trip driven hop by hop, its auto-posting form posted as a browser
 * would. Every forged answer is refused, creates nobody, and leaves its
 * reason on the connection's page.
 */

const dns = useTestDns();
const test = useTestServer({ env: () => ({ DNS_SERVERS: dns.address }) });
const { db, people } = test;

const accounts = new Map<string, SamlAccount>();
let directory: SamlDirectory;
beforeAll(async () => {
  directory = await startSamlDirectory({ accounts });
});
afterAll(async () => {
  await directory?.close();
});

let next = 0;
const freshDomain = () => `saml-${Date.now().toString(36)}-${++next}.example`;
const browser = () => testBrowser(test.server.publicUrl);
const EMAIL = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const GROUPS = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups';

/** A person as Entra ID sends them: their address as NameID, claims under its URIs. */
function account(login: string, domain: string, name: string, groups: string[] = []): SamlAccount {
  const person = { nameId: `${login}@${domain}`, attributes: { [EMAIL]: [`${login}@${domain}`], 'http://schemas.microsoft.com/identity/claims/displayname': [name], ...(groups.length ? { [GROUPS]: groups } : {}) } };
  accounts.set(login, person);
  return person;
}

async function workspaceWithSaml(name = 'Ada Admin', extra: { allowIdpInitiated?: boolean; roleAttribute?: string; roleMappings?: { value: string; role: 'admin' | 'employee' | 'extranet' }[] } = {}) {
  const { admin, slug, domain } = await workspaceWithVerifiedDomain({ people, dns, name, domain: freshDomain() });
  const read = await admin.client.sso.readMetadata.mutate({ workspace: slug, source: { url: directory.metadataUrl } });
  const { allowIdpInitiated = false, ...mapping } = extra;
  const connection = await admin.client.sso.create.mutate({
    workspace: slug,
    kind: 'saml',
    name: 'Entra ID',
    saml: { entityId: read.entityId, ssoUrl: read.ssoUrl, certificates: read.certificates.map((certificate) => certificate.pem), allowIdpInitiated },
    ...mapping,
  });
  return { admin, slug, domain, connection, spEntityId: connection.saml!.spEntityId };
}

/** A person's whole sign-in through the connection, as the portal's button starts it. */
async function signInThrough(connection: { startUrl: string }, login: string) {
  const person = browser();
  const landed = await person.follow(`${connection.startUrl}?login_hint=${encodeURIComponent(login)}&next=${encodeURIComponent('/workspaces')}`);
  return { landed, session: person.session(), person };
}

/** A sign-in begun from a browser, stopped at the directory: the id of the request its answer must name. */
async function begin(connection: { startUrl: string }) {
  const person = browser();
  const started = await person.go(`${connection.startUrl}?login_hint=nobody`);
  const request = inflateRawSync(Buffer.from(new URL(started.headers.get('location')!).searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  return { person, requestId: /\sID="([^"]+)"/.exec(request)![1]! };
}

/** A connection's SAML values as its form sends them back. */
const samlInput = (connection: { saml: { entityId: string; ssoUrl: string; certificates: { pem: string }[]; allowIdpInitiated: boolean } | null }) => {
  const { entityId, ssoUrl, certificates, allowIdpInitiated } = connection.saml!;
  return { entityId, ssoUrl, allowIdpInitiated, certificates: certificates.map((certificate) => certificate.pem) };
};

const errorOf = (response: Response) => new URL(response.headers.get('location')!, test.server.publicUrl).searchParams.get('error');
const decoded = (samlResponse: string) => Buffer.from(samlResponse, 'base64').toString('utf8');
const encoded = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

describe('single sign-on connections (SAML 2.0)', () => {
  it('are made from the directory’s metadata, pasted or at its URL, and hand the directory our own', async () => {
    const { admin, slug, connection, spEntityId } = await workspaceWithSaml();
    const pasted = await admin.client.sso.readMetadata.mutate({ workspace: slug, source: { xml: directory.metadata } });
    expect(pasted).toMatchObject({ entityId: directory.entityId, ssoUrl: directory.ssoUrl });
    expect(pasted.certificates).toHaveLength(1);
    expect(pasted.certificates[0]!.pem.replace(/\s/g, '')).toBe(directory.certificate.replace(/\s/g, ''));
    expect(pasted.certificates[0]).toMatchObject({ fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/), expiresAt: expect.any(String) });

    expect(connection).toMatchObject({
      kind: 'saml',
      enabled: true,
      redirectUri: `${test.server.publicUrl}/auth/sso/${connection.id}/acs`,
      saml: { entityId: directory.entityId, ssoUrl: directory.ssoUrl, allowIdpInitiated: false, spEntityId: `${test.server.publicUrl}/auth/sso/${connection.id}/metadata`, metadataUrl: spEntityId },
    });
    expect(connection.saml!.certificates[0]!.fingerprint).toBe(pasted.certificates[0]!.fingerprint);
    expect(await admin.client.sso.test.mutate({ workspace: slug, connectionId: connection.id })).toMatchObject({ ok: true });

    // What the directory's admin is given: our entity id, where to post, signed assertions wanted.
    const ours = await fetch(spEntityId);
    expect(ours.headers.get('content-type')).toContain('application/samlmetadata+xml');
    const xml = await ours.text();
    expect(xml).toContain(`entityID="${spEntityId}"`);
    expect(xml).toContain(`Location="${connection.redirectUri}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');

    // Metadata that is not a directory's, or that declares entities, is refused with its field named.
    for (const bad of ['<html><body>Sign in</body></html>', 'not xml at all', `<!DOCTYPE md [<!ENTITY boom "boom">]>${directory.metadata}`]) {
      const refused = await failureOf(admin.client.sso.readMetadata.mutate({ workspace: slug, source: { xml: bad } }));
      expect(refused.appCode, bad).toBe('INVALID_INPUT');
      expect(Object.keys(refused.fields), bad).toEqual(['metadata']);
    }
    expect(Object.keys((await failureOf(admin.client.sso.readMetadata.mutate({ workspace: slug, source: { url: 'ftp://directory.example/metadata' } }))).fields)).toEqual(['metadataUrl']);
    const badCertificate = await failureOf(
      admin.client.sso.create.mutate({ workspace: slug, kind: 'saml', name: 'Bad', saml: { entityId: 'https://idp.example', ssoUrl: 'https://idp.example/sso', certificates: ['-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----'] } }),
    );
    expect(badCertificate.appCode).toBe('INVALID_INPUT');
    expect(Object.keys(badCertificate.fields)).toEqual(['certificates']);
    expect(await admin.client.sso.list.query({ workspace: slug })).toHaveLength(1);

    // A rotation: the new certificate added beside the old one, both shown.
    const next = await signingKey();
    const updated = await admin.client.sso.update.mutate({ workspace: slug, connectionId: connection.id, name: 'Entra ID', saml: { ...samlInput(connection), certificates: [directory.certificate, next.certificate] } });
    expect(updated.saml!.certificates).toHaveLength(2);

    // Another workspace's admin reads nothing of it; a stranger reads no OIDC callback at a SAML connection.
    const other = await people.signedIn({ name: 'Otto Other' });
    const otherSlug = uniqueSlug();
    await other.client.workspace.create.mutate({ name: 'Other company', slug: otherSlug });
    expect((await failureOf(other.client.sso.update.mutate({ workspace: otherSlug, connectionId: connection.id, name: 'Mine', saml: samlInput(connection) }))).appCode).toBe('NOT_FOUND');
    expect(errorOf(await browser().go(`${test.server.publicUrl}/auth/sso/${connection.id}/callback?code=x&state=y`))).toBe('NOT_FOUND');
  });

  it('sign a newcomer in and make them a member at the first sign-in, with the role their groups map to; the next sign-in finds the same person', async () => {
    const { admin, slug, domain, connection } = await workspaceWithSaml('Ada Admin', { roleAttribute: GROUPS, roleMappings: [{ value: 'Gatehouse-Admins', role: 'admin' }] });
    account('grace', domain, 'Grace Hopper', ['gatehouse-admins']);
    account('alan', domain, 'Alan Turing', ['research']);
    const grace = await signInThrough(connection, 'grace');
    expect(grace.landed.pathname).toBe('/workspaces');
    expect(grace.session).toBeTruthy();
    expect((await signInThrough(connection, 'alan')).landed.pathname).toBe('/workspaces');

    const members = await admin.client.members.list.query({ workspace: slug, limit: 10 });
    expect(members.items.map((member) => [member.name, member.role, member.status]).sort()).toEqual([
      ['Ada Admin', 'admin', 'active'],
      ['Alan Turing', 'employee', 'active'],
      ['Grace Hopper', 'admin', 'active'],
    ]);
    const profile = await db.orm.em.fork().findOneOrFail(Profile, { email: `grace@${domain}` });
    expect(await db.orm.em.fork().count(Identity, { provider: `sso:${connection.id}`, subject: `grace@${domain}`, profile: profile.id })).toBe(1);
    expect(await db.orm.em.fork().findOneOrFail(Member, { profile: profile.id })).toMatchObject({ source: 'sso' });
    // Grace sees the link among her ways in, named after her company's directory.
    const listed = (await (await fetch(`${test.server.url}/trpc/identities.list`, { headers: { cookie: grace.person.cookieHeader() } })).json()) as { result: { data: unknown[] } };
    expect(listed.result.data).toEqual([expect.objectContaining({ provider: `sso:${connection.id}`, email: `grace@${domain}`, directory: { name: 'Entra ID', workspaceName: "Ada Admin's company" } })]);

    await signInThrough(connection, 'grace');
    expect(await db.orm.em.fork().count(Profile, { email: `grace@${domain}` })).toBe(1);
    expect(await db.orm.em.fork().count(Member, { workspace: { slug } })).toBe(3);
    const events = await admin.client.sso.events.query({ workspace: slug, connectionId: connection.id });
    expect(events.filter((event) => event.succeeded).map((event) => event.email)).toEqual([`grace@${domain}`, `alan@${domain}`, `grace@${domain}`]);
    // Every assertion taken is remembered until it expires, so it cannot be taken again.
    const remembered = await db.orm.em.fork().find(SamlAssertion, { connection: connection.id });
    expect(remembered).toHaveLength(3);
    // …for as long as it could be taken: its five minutes, and the clock skew allowed.
    for (const assertion of remembered) expect(assertion.expiresAt.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
    for (const assertion of remembered) expect(assertion.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(6 * 60_000);
  });

  it('refuse every forged, stale, misdirected or tampered answer, creating nobody, and say why on the connection’s page', async () => {
    const { admin, slug, domain, connection, spEntityId } = await workspaceWithSaml();
    const mallory = account('mallory', domain, 'Mallory Forger');
    const attacker = await signingKey();
    const past = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const genuine = async (requestId: string) => decoded((await directory.respond(spEntityId, { account: mallory, inResponseTo: requestId })).samlResponse);
    const cases: Array<{ name: string; reason: string | string[]; forge: (requestId: string) => Promise<string> }> = [
      { name: 'unsigned', reason: 'signature', forge: async (id) => encoded((await genuine(id)).replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '')) },
      { name: 'signed with a key the response carries', reason: 'signature', forge: async (id) => (await directory.respond(spEntityId, { account: mallory, inResponseTo: id, key: attacker })).samlResponse },
      {
        name: 'expired',
        reason: 'clock',
        forge: async (id) => (await directory.respond(spEntityId, { account: mallory, inResponseTo: id, tags: { IssueInstant: past(30), ConditionsNotBefore: past(30), ConditionsNotOnOrAfter: past(10), SubjectConfirmationDataNotOnOrAfter: past(10) } })).samlResponse,
      },
      { name: 'for another audience', reason: 'audience', forge: async (id) => (await directory.respond(spEntityId, { account: mallory, inResponseTo: id, tags: { Audience: 'https://other-app.example/saml' } })).samlResponse },
      { name: 'for another recipient', reason: 'recipient', forge: async (id) => (await directory.respond(spEntityId, { account: mallory, inResponseTo: id, tags: { SubjectRecipient: 'https://other-app.example/acs' } })).samlResponse },
      { name: 'sent to another destination', reason: 'recipient', forge: async (id) => (await directory.respond(spEntityId, { account: mallory, inResponseTo: id, tags: { Destination: 'https://other-app.example/acs' } })).samlResponse },
      { name: 'from another issuer', reason: 'issuer', forge: async (id) => (await directory.respond(spEntityId, { account: mallory, inResponseTo: id, tags: { Issuer: 'https://evil.example/idp' } })).samlResponse },
      { name: 'answering another request', reason: 'in_response_to', forge: async () => (await directory.respond(spEntityId, { account: mallory, inResponseTo: '_another-request' })).samlResponse },
      { name: 'declaring entities', reason: 'malformed', forge: async (id) => encoded(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "x">]>${await genuine(id)}`) },
      {
        name: 'a refusal, as directories send it (no assertion)',
        reason: 'idp_error',
        forge: async (id) =>
          encoded(
            decoded((await directory.respond(spEntityId, { account: mallory, inResponseTo: id, tags: { StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Requester' } })).samlResponse).replace(/<saml:Assertion[\s\S]*<\/saml:Assertion>/, ''),
          ),
      },
      { name: 'refused by the directory, yet carrying an assertion', reason: 'idp_error', forge: async (id) => (await directory.respond(spEntityId, { account: mallory, inResponseTo: id, tags: { StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder' } })).samlResponse },
      {
        name: 'altered after signing',
        reason: 'signature',
        forge: async (id) => encoded((await genuine(id)).replaceAll(`mallory@${domain}`, `ada@${domain}`)),
      },
      {
        // Signature wrapping: a forged assertion beside the genuine, signed one.
        name: 'carrying a second, unsigned assertion',
        reason: ['signature', 'malformed'],
        forge: async (id) => {
          const xml = await genuine(id);
          const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
          const forged = signed.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '').replace(/ID="[^"]+"/, 'ID="_forged"').replaceAll(`mallory@${domain}`, `eve@${domain}`);
          return encoded(xml.replace(signed, `${forged}${signed}`));
        },
      },
      {
        // Signature wrapping: the forged assertion in front, the genuine one hidden inside it.
        name: 'wrapping the signed assertion in a forged one',
        reason: ['signature', 'malformed'],
        forge: async (id) => {
          const xml = await genuine(id);
          const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
          const forged = signed.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '').replace(/ID="[^"]+"/, 'ID="_forged"').replaceAll(`mallory@${domain}`, `eve@${domain}`);
          return encoded(xml.replace(signed, forged.replace('</saml:Assertion>', `<saml:Advice>${signed}</saml:Advice></saml:Assertion>`)));
        },
      },
    ];
    for (const forgery of cases) {
      const { person, requestId } = await begin(connection);
      const answer = await person.post(connection.redirectUri, { SAMLResponse: await forgery.forge(requestId) });
      expect(answer.status, forgery.name).toBe(303);
      expect(errorOf(answer), forgery.name).toBe('SSO_FAILED');
      expect(person.session(), forgery.name).toBeUndefined();
      const [event] = await admin.client.sso.events.query({ workspace: slug, connectionId: connection.id });
      expect(event!.succeeded, forgery.name).toBe(false);
      expect([forgery.reason].flat(), forgery.name).toContain(event!.reason);
    }
    expect(await db.orm.em.fork().count(Profile, { email: { $in: [`mallory@${domain}`, `eve@${domain}`] } })).toBe(0);
    expect(await db.orm.em.fork().count(Member, { workspace: { slug } })).toBe(1);

    // Not a SAML response at all, or far too big: refused before any XML is read.
    const { person } = await begin(connection);
    expect(errorOf(await person.post(connection.redirectUri, { SAMLResponse: 'not base64 <xml/>' }))).toBe('SSO_FAILED');
    expect(errorOf(await person.post(connection.redirectUri, { SAMLResponse: 'A'.repeat(300 * 1024) }))).toBe('SSO_FAILED');
    expect((await admin.client.sso.events.query({ workspace: slug, connectionId: connection.id }))[0]).toMatchObject({ succeeded: false, reason: 'malformed' });

    // The genuine answer, still: Mallory is let in (the forgeries failed for what they changed, not for who she is).
    const { person: honest, requestId } = await begin(connection);
    expect(errorOf(await honest.post(connection.redirectUri, { SAMLResponse: encoded(await genuine(requestId)) }))).toBeNull();
    expect(honest.session()).toBeTruthy();
  });

  it('take an answer the directory began itself only where the admin allowed it, and each assertion only once', async () => {
    const closed = await workspaceWithSaml('Carla Closed');
    const carl = account('carl', closed.domain, 'Carl Closed');
    const unsolicitedAtClosed = await directory.respond(closed.spEntityId, { account: carl, inResponseTo: null });
    const refused = await browser().post(closed.connection.redirectUri, { SAMLResponse: unsolicitedAtClosed.samlResponse });
    expect(errorOf(refused)).toBe('SSO_FAILED');
    expect((await closed.admin.client.sso.events.query({ workspace: closed.slug, connectionId: closed.connection.id }))[0]).toMatchObject({ succeeded: false, reason: 'unsolicited' });

    const open = await workspaceWithSaml('Olive Open', { allowIdpInitiated: true });
    const olga = account('olga', open.domain, 'Olga Open');
    const unsolicited = await directory.respond(open.spEntityId, { account: olga, inResponseTo: null });
    const person = browser();
    const welcomed = await person.post(open.connection.redirectUri, { SAMLResponse: unsolicited.samlResponse, RelayState: '/workspaces' });
    expect(new URL(welcomed.headers.get('location')!, test.server.publicUrl).pathname).toBe('/workspaces');
    expect(person.session()).toBeTruthy();

    // The same assertion again, from another browser: refused as a replay.
    const replayer = browser();
    expect(errorOf(await replayer.post(open.connection.redirectUri, { SAMLResponse: unsolicited.samlResponse }))).toBe('SSO_FAILED');
    expect(replayer.session()).toBeUndefined();
    expect((await open.admin.client.sso.events.query({ workspace: open.slug, connectionId: open.connection.id }))[0]).toMatchObject({ succeeded: false, reason: 'replay' });

    // An "unsolicited" answer that names a request: that request was another browser's.
    const stolen = await directory.respond(open.spEntityId, { account: olga, inResponseTo: '_someone-elses-request' });
    expect(errorOf(await browser().post(open.connection.redirectUri, { SAMLResponse: stolen.samlResponse }))).toBe('SSO_FAILED');
    expect((await open.admin.client.sso.events.query({ workspace: open.slug, connectionId: open.connection.id }))[0]).toMatchObject({ reason: 'in_response_to' });

    // RelayState is a path of ours, never another site.
    const elsewhere = await directory.respond(open.spEntityId, { account: olga, inResponseTo: null });
    const landed = await browser().post(open.connection.redirectUri, { SAMLResponse: elsewhere.samlResponse, RelayState: 'https://evil.example/phish' });
    expect(new URL(landed.headers.get('location')!, test.server.publicUrl).origin).toBe(new URL(test.server.publicUrl).origin);
  });

  it('keep a dismissed member out, and take nothing once switched off', async () => {
    const { admin, slug, domain, connection } = await workspaceWithSaml();
    account('dana', domain, 'Dana Dismissed');
    await signInThrough(connection, 'dana');
    const dana = (await admin.client.members.list.query({ workspace: slug, search: 'Dana', limit: 5 })).items[0]!;
    await admin.client.members.dismiss.mutate({ workspace: slug, memberId: dana.id });
    expect((await signInThrough(connection, 'dana')).landed.searchParams.get('error')).toBe('MEMBER_DISMISSED');
    expect((await db.orm.em.fork().findOneOrFail(Member, { id: dana.id })).status).toBe('dismissed');

    const { person, requestId } = await begin(connection);
    const answer = await directory.respond(connection.saml!.spEntityId, { account: accounts.get('dana')!, inResponseTo: requestId });
    await admin.client.sso.update.mutate({ workspace: slug, connectionId: connection.id, name: connection.name, enabled: false, saml: samlInput(connection) });
    expect(errorOf(await person.post(connection.redirectUri, { SAMLResponse: answer.samlResponse }))).toBe('NOT_FOUND');
  });

  it('where the domain must use it, refuse every other way in for its addresses, except an admin’s break-glass password sign-in, audited and mailed to the other admins', async () => {
    const { admin, slug, domain, connection } = await workspaceWithSaml('Ada Admin', { roleAttribute: GROUPS, roleMappings: [{ value: 'admins', role: 'admin' }] });
    // Two people who signed in with a password before; the directory makes Bea an admin, Carl an employee.
    const bea = await people.signedIn({ name: 'Bea Breakglass', email: `bea@${domain}` });
    const carl = await people.signedIn({ name: 'Carl Common', email: `carl@${domain}` });
    account('bea', domain, 'Bea Breakglass', ['admins']);
    account('carl', domain, 'Carl Common');
    for (const login of ['bea', 'carl']) expect((await signInThrough(connection, login)).landed.pathname).toBe('/workspaces');

    const [claimed] = await admin.client.domains.list.query({ workspace: slug });
    // Not while no directory is switched on: nobody at the domain could sign in.
    await admin.client.sso.update.mutate({ workspace: slug, connectionId: connection.id, name: connection.name, enabled: false, saml: samlInput(connection) });
    const refused = await failureOf(admin.client.domains.update.mutate({ workspace: slug, domainId: claimed!.id, joinMode: 'sso' }));
    expect(refused.appCode).toBe('INVALID_INPUT');
    expect(refused.fields.joinMode).toContain('Connect your company’s directory first');
    await admin.client.sso.update.mutate({ workspace: slug, connectionId: connection.id, name: connection.name, enabled: true, saml: samlInput(connection) });
    await admin.client.domains.update.mutate({ workspace: slug, domainId: claimed!.id, joinMode: 'sso' });
    expect((await (await people.anonymous()).sso.discover.query({ email: carl.email }))[0]).toMatchObject({ connectionId: connection.id, required: true });

    const anonymous = await people.anonymous();
    const signIn = (email: string, extra: { password?: string; breakGlass?: boolean } = {}) => anonymous.auth.signIn.mutate({ email, password: extra.password ?? TEST_PASSWORD, client: 'desktop', ...(extra.breakGlass ? { breakGlass: true } : {}) });
    expect((await failureOf(signIn(carl.email))).appCode).toBe('SSO_REQUIRED');
    // A wrong password says only that: the requirement is told to the password's holder.
    expect((await failureOf(signIn(carl.email, { password: 'not the password at all' }))).appCode).toBe('INVALID_CREDENTIALS');
    expect((await failureOf(signIn(carl.email, { breakGlass: true }))).appCode).toBe('SSO_REQUIRED');
    expect((await failureOf(signIn(bea.email))).appCode).toBe('SSO_REQUIRED');
    // The directory itself still signs them in.
    expect((await signInThrough(connection, 'carl')).landed.pathname).toBe('/workspaces');
    // Others are not concerned: Ada's address is elsewhere.
    expect(await signIn(admin.email)).toMatchObject({ status: 'signed_in' });

    // Break-glass: Bea is an admin, and her password is right.
    expect(await signIn(bea.email, { breakGlass: true })).toMatchObject({ status: 'signed_in' });
    const workspaceId = (await admin.client.workspace.get.query({ workspace: slug })).id;
    const noted = await db.orm.em.fork().find(AuditEvent, { action: 'sign_in.break_glass', workspaceId });
    expect(noted.map((event) => [event.actorProfileId, event.targetProfileId, event.details])).toEqual([[bea.profile.id, bea.profile.id, { domain }]]);
    const mail = await test.server.mailSink!.waitFor(admin.email, (received) => received.subject.includes('with a password instead of single sign-on'));
    expect(mail.subject).toBe(`Bea Breakglass signed in to Ada Admin's company with a password instead of single sign-on`);

    // Switched off, the directory no longer stands between people and their password.
    await admin.client.sso.update.mutate({ workspace: slug, connectionId: connection.id, name: connection.name, enabled: false, saml: samlInput(connection) });
    expect(await signIn(carl.email)).toMatchObject({ status: 'signed_in' });
  });
});
