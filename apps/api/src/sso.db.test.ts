import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Identity, Member, Profile, SsoConnection } from '@gatehouse/db';
import { uniqueSlug } from '@gatehouse/db/testing';
import { freePort } from '@gatehouse/embedded-postgres';
import { failureOf, startCompanyDirectory, testBrowser, useTestDns, useTestServer, workspaceWithVerifiedDomain, type DirectoryAccount } from './testing.ts';

/*
 * Single sign-on through a company directory over OpenID Connect: a real
 * issuer (oidc-provider) started here, the browser's round trip driven
 * redirect by redirect with a cookie jar per site, as a browser keeps them.
 */

const dns = useTestDns();
const test = useTestServer({ env: () => ({ DNS_SERVERS: dns.address }) });
const { db, people } = test;

const accounts = new Map<string, DirectoryAccount>();
const clients: { clientId: string; clientSecret: string; redirectUris: string[] }[] = [];
let directory: Awaited<ReturnType<typeof startCompanyDirectory>>;
let directoryPort = 0;

beforeAll(async () => {
  directoryPort = await freePort();
});
afterAll(async () => {
  await directory?.close();
});

/** The directory, (re)started with the clients registered so far: a connection's redirect URI is known only once it exists. */
async function restartDirectory(): Promise<void> {
  await directory?.close();
  directory = await startCompanyDirectory({ port: directoryPort, clients, accounts, autoLogin: { defaultLogin: () => 'nobody' } });
}

let next = 0;
const freshDomain = () => `sso-${Date.now().toString(36)}-${++next}.example`;

async function workspaceWithConnection(name = 'Ada Admin', connection: { roleAttribute?: string; roleMappings?: { value: string; role: 'admin' | 'employee' | 'extranet' }[] } = {}) {
  const { admin, slug, domain } = await workspaceWithVerifiedDomain({ people, dns, name, domain: freshDomain() });
  const clientId = `gatehouse-${slug}`;
  const clientSecret = `secret-of-${slug}-for-the-directory`;
  const created = await admin.client.sso.create.mutate({
    workspace: slug,
    kind: 'oidc',
    name: 'Company directory',
    oidc: { issuer: `http://127.0.0.1:${directoryPort}`, clientId, clientSecret },
    ...connection,
  });
  clients.push({ clientId, clientSecret, redirectUris: [created.redirectUri] });
  await restartDirectory();
  return { admin, slug, domain, connection: created, clientSecret };
}

const browser = () => testBrowser(test.server.publicUrl);

/** A person's whole sign-in through the connection, as the portal's button starts it. */
async function signInThrough(connection: { startUrl: string }, login: string) {
  const person = browser();
  const landed = await person.follow(`${connection.startUrl}?login_hint=${encodeURIComponent(login)}&next=${encodeURIComponent('/workspaces')}`);
  return { landed, session: person.cookieOf('gatehouse_session') ?? person.cookieOf('__Host-gatehouse_session'), person };
}

describe('single sign-on connections (OpenID Connect)', () => {
  it('are made by admins with an issuer Gatehouse may call, keep their client secret sealed, and answer the test button', async () => {
    const { admin, slug, connection, clientSecret } = await workspaceWithConnection();
    expect(connection).toMatchObject({ kind: 'oidc', name: 'Company directory', enabled: true, defaultRole: 'employee', redirectUri: `${test.server.publicUrl}/auth/sso/${connection.id}/callback` });
    expect(JSON.stringify(await admin.client.sso.list.query({ workspace: slug }))).not.toContain(clientSecret);
    const row = await db.orm.em.fork().findOneOrFail(SsoConnection, { id: connection.id }, { populate: ['oidcClientSecretSealed'] });
    expect(row.oidcClientSecretSealed).toBeTruthy();
    expect(row.oidcClientSecretSealed).not.toContain(clientSecret);
    expect(await admin.client.sso.test.mutate({ workspace: slug, connectionId: connection.id })).toEqual({ ok: true, issuer: `http://127.0.0.1:${directoryPort}` });

    for (const issuer of ['ftp://directory.example', 'https://user:pass@directory.example', 'not a url', 'https://directory.example/#fragment']) {
      const refused = await failureOf(admin.client.sso.create.mutate({ workspace: slug, kind: 'oidc', name: 'Bad', oidc: { issuer, clientId: 'x', clientSecret: 'y' } }));
      expect(refused.appCode, issuer).toBe('INVALID_INPUT');
      expect(Object.keys(refused.fields), issuer).toEqual(['issuer']);
    }
    expect((await failureOf(admin.client.sso.create.mutate({ workspace: slug, kind: 'oidc', name: 'No secret', oidc: { issuer: 'https://directory.example', clientId: 'x' } }))).fields).toHaveProperty('clientSecret');
    expect(await admin.client.sso.list.query({ workspace: slug })).toHaveLength(1);

    // A directory that does not answer is told as such.
    const silent = await admin.client.sso.create.mutate({ workspace: slug, kind: 'oidc', name: 'Silent', oidc: { issuer: `http://127.0.0.1:${await freePort()}`, clientId: 'x', clientSecret: 'y' } });
    expect(await admin.client.sso.test.mutate({ workspace: slug, connectionId: silent.id })).toMatchObject({ ok: false, reason: 'unreachable' });

    // Another workspace's admin finds nothing of it.
    const other = await people.signedIn({ name: 'Otto Other' });
    const otherSlug = uniqueSlug();
    await other.client.workspace.create.mutate({ name: 'Other company', slug: otherSlug });
    for (const call of [
      other.client.sso.events.query({ workspace: otherSlug, connectionId: connection.id }),
      other.client.sso.test.mutate({ workspace: otherSlug, connectionId: connection.id }),
      other.client.sso.remove.mutate({ workspace: otherSlug, connectionId: connection.id }),
      other.client.sso.update.mutate({ workspace: otherSlug, connectionId: connection.id, name: 'Mine', oidc: { issuer: 'https://evil.example', clientId: 'x' } }),
    ]) {
      expect((await failureOf(call)).appCode).toBe('NOT_FOUND');
    }

    await admin.client.sso.update.mutate({ workspace: slug, connectionId: silent.id, name: 'Silent', enabled: false, oidc: { issuer: silent.oidc!.issuer, clientId: 'x' } });
    await admin.client.sso.remove.mutate({ workspace: slug, connectionId: silent.id });
    const trail = await db.orm.em.fork().find(AuditEvent, { action: { $like: 'sso_connection.%' }, details: { connectionId: silent.id } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    expect(trail.map((event) => event.action)).toEqual(['sso_connection.created', 'sso_connection.updated', 'sso_connection.removed']);
    expect(trail[1]!.details).toMatchObject({ enabled: { from: true, to: false } });
  });

  it('sign a newcomer in and make them a member at the first sign-in, with the role their groups map to; the next sign-in finds the same person', async () => {
    const { admin, slug, domain, connection } = await workspaceWithConnection('Ada Admin', { roleAttribute: 'groups', roleMappings: [{ value: 'Gatehouse-Admins', role: 'admin' }] });
    expect(await people.anonymous().then((client) => client.sso.discover.query({ email: `someone@${domain.toUpperCase()}` }))).toEqual([
      { connectionId: connection.id, name: 'Company directory', workspace: { slug, name: "Ada Admin's company" }, startUrl: connection.startUrl, required: false },
    ]);

    accounts.set('grace', { email: `grace@${domain}`, email_verified: true, name: 'Grace Hopper', groups: ['gatehouse-admins', 'navy'] });
    accounts.set('alan', { email: `alan@${domain}`, email_verified: true, name: 'Alan Turing', groups: ['research'] });
    const grace = await signInThrough(connection, 'grace');
    expect(grace.landed.pathname).toBe('/workspaces');
    expect(grace.session).toBeTruthy();
    const alan = await signInThrough(connection, 'alan');
    expect(alan.landed.pathname).toBe('/workspaces');

    const members = await admin.client.members.list.query({ workspace: slug, limit: 10 });
    expect(members.items.map((member) => [member.name, member.role, member.status]).sort()).toEqual([
      ['Ada Admin', 'admin', 'active'],
      ['Alan Turing', 'employee', 'active'],
      ['Grace Hopper', 'admin', 'active'],
    ]);
    const profile = await db.orm.em.fork().findOneOrFail(Profile, { email: `grace@${domain}` }, { populate: ['passwordHash'] });
    expect(profile.passwordHash).toBeNull();
    expect(await db.orm.em.fork().findOneOrFail(Member, { profile: profile.id })).toMatchObject({ source: 'sso' });
    expect(await db.orm.em.fork().count(Identity, { provider: `sso:${connection.id}`, subject: 'grace', profile: profile.id })).toBe(1);

    // The session is Grace's, at the workspace.
    const me = await fetch(`${test.server.url}/trpc/profile.get`, { headers: { cookie: grace.person.cookieHeader() } });
    expect(((await me.json()) as { result: { data: { email: string } } }).result.data.email).toBe(`grace@${domain}`);

    // Again: the same profile and membership, nothing new.
    await signInThrough(connection, 'grace');
    expect(await db.orm.em.fork().count(Profile, { email: `grace@${domain}` })).toBe(1);
    expect(await db.orm.em.fork().count(Member, { workspace: { slug } })).toBe(3);
    const events = await admin.client.sso.events.query({ workspace: slug, connectionId: connection.id });
    expect(events.filter((event) => event.succeeded).map((event) => event.email)).toEqual([`grace@${domain}`, `alan@${domain}`, `grace@${domain}`]);
  });

  it('link the profile that already signs in with that address, and only at a verified domain', async () => {
    const { admin, slug, domain, connection } = await workspaceWithConnection();
    const existing = await people.signedIn({ name: 'Linus Linked', email: `linus@${domain}` });
    accounts.set('linus', { email: `LINUS@${domain}`, email_verified: true, name: 'Linus L.' });
    expect((await signInThrough(connection, 'linus')).landed.pathname).toBe('/workspaces');
    expect(await db.orm.em.fork().count(Profile, { email: existing.email })).toBe(1);
    expect((await db.orm.em.fork().findOneOrFail(Identity, { provider: `sso:${connection.id}`, subject: 'linus' })).profile.id).toBe(existing.profile.id);

    // A directory vouching for an address elsewhere links nobody and makes nobody.
    accounts.set('mallory', { email: 'victim@elsewhere.example', email_verified: true, name: 'Mallory' });
    const refused = await signInThrough(connection, 'mallory');
    expect(refused.landed.pathname).toBe('/signin');
    expect(refused.landed.searchParams.get('error')).toBe('DOMAIN_NOT_OWNED');
    expect(refused.session).toBeUndefined();
    expect(await db.orm.em.fork().count(Profile, { email: 'victim@elsewhere.example' })).toBe(0);
    accounts.set('nomail', { name: 'No Mail' });
    expect((await signInThrough(connection, 'nomail')).landed.searchParams.get('error')).toBe('SSO_FAILED');
    const events = await admin.client.sso.events.query({ workspace: slug, connectionId: connection.id });
    expect(events.slice(0, 2).map((event) => [event.succeeded, event.reason])).toEqual([
      [false, 'email_missing'],
      [false, 'domain_not_verified'],
    ]);
  });

  it('keep a dismissed member out, and refuse a callback that is not the answer to this browser’s request or carries another client’s code', async () => {
    const { admin, slug, domain, connection } = await workspaceWithConnection();
    accounts.set('dana', { email: `dana@${domain}`, email_verified: true, name: 'Dana Dismissed' });
    await signInThrough(connection, 'dana');
    const dana = (await admin.client.members.list.query({ workspace: slug, search: 'Dana', limit: 5 })).items[0]!;
    await admin.client.members.dismiss.mutate({ workspace: slug, memberId: dana.id });
    expect((await signInThrough(connection, 'dana')).landed.searchParams.get('error')).toBe('MEMBER_DISMISSED');
    expect((await db.orm.em.fork().findOneOrFail(Member, { id: dana.id })).status).toBe('dismissed');

    // The directory's answer delivered to a browser that did not ask (no state cookie).
    const asker = browser();
    const toDirectory = await asker.go(`${connection.startUrl}?login_hint=dana`);
    const stranger = browser();
    let hop = new URL(toDirectory.headers.get('location')!);
    while (hop.origin !== new URL(test.server.publicUrl).origin) {
      const answer = await asker.go(hop.toString());
      hop = new URL(answer.headers.get('location')!, hop);
    }
    const stolen = await stranger.go(hop.toString());
    expect(new URL(stolen.headers.get('location')!, test.server.publicUrl).searchParams.get('error')).toBe('SSO_FAILED');

    // A code the directory issued to another workspace's client, brought to this connection's callback with this browser's state.
    const other = await workspaceWithConnection('Olga Other');
    accounts.set('olga-user', { email: `olga@${other.domain}`, email_verified: true, name: 'Olga' });
    const theirs = browser();
    let theirHop = new URL((await theirs.go(`${other.connection.startUrl}?login_hint=olga-user`)).headers.get('location')!);
    while (theirHop.origin !== new URL(test.server.publicUrl).origin) theirHop = new URL((await theirs.go(theirHop.toString())).headers.get('location')!, theirHop);
    const mine = browser();
    const myStart = new URL((await mine.go(`${connection.startUrl}?login_hint=dana`)).headers.get('location')!);
    const swapped = new URL(connection.redirectUri);
    swapped.searchParams.set('code', theirHop.searchParams.get('code')!);
    swapped.searchParams.set('state', myStart.searchParams.get('state')!);
    swapped.searchParams.set('iss', theirHop.searchParams.get('iss') ?? '');
    const answer = await mine.go(swapped.toString());
    expect(new URL(answer.headers.get('location')!, test.server.publicUrl).searchParams.get('error')).toBe('SSO_FAILED');
    const reasons = (await admin.client.sso.events.query({ workspace: slug, connectionId: connection.id })).filter((event) => !event.succeeded).map((event) => event.reason);
    expect(reasons.slice(0, 3)).toEqual(['idp_error', 'state', 'dismissed']);
  });

  it('never overfill the plan: twenty first sign-ins at once fill exactly the free seats', async () => {
    const { admin, slug, domain, connection } = await workspaceWithConnection();
    for (let index = 0; index < 20; index += 1) accounts.set(`crowd-${index}`, { email: `crowd-${index}@${domain}`, email_verified: true, name: `Crowd ${index}` });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, index) => signInThrough(connection, `crowd-${index}`)));
    const admitted = outcomes.filter((outcome) => outcome.landed.pathname === '/workspaces');
    expect(admitted).toHaveLength(11);
    for (const outcome of outcomes.filter((candidate) => candidate.landed.pathname !== '/workspaces')) expect(outcome.landed.searchParams.get('error')).toBe('SEAT_LIMIT_REACHED');
    expect((await admin.client.workspace.get.query({ workspace: slug })).seats).toMatchObject({ used: 12, total: 12 });
  });

  it('is not offered, nor started, once switched off', async () => {
    const { admin, slug, domain, connection } = await workspaceWithConnection();
    await admin.client.sso.update.mutate({ workspace: slug, connectionId: connection.id, name: connection.name, enabled: false, oidc: connection.oidc! });
    expect(await (await people.anonymous()).sso.discover.query({ email: `x@${domain}` })).toEqual([]);
    const started = await browser().go(connection.startUrl);
    expect(new URL(started.headers.get('location')!, test.server.publicUrl).searchParams.get('error')).toBe('NOT_FOUND');
  });
});
