/**
 * The company's directory at Gatehouse's doors: SCIM provisioning (a
 * directory creating 999 people into an enterprise workspace — with its
 * admin, the plan's 1,000 seats — then listing and filtering them as Entra
 * and Okta do), and a SAML sign-in round trip (our AuthnRequest, then the
 * directory's signed answer posted to our ACS). The directory is a real
 * SAML identity provider (samlify, as in the tests); its own signing is
 * not timed, only Gatehouse's two requests.
 */
import { inflateRawSync } from 'node:zlib';
import { startSamlDirectory, type SamlAccount } from '@gatehouse/api-server/testing-saml';
import { cookieOf, postJson, query, signInCookie } from './calls.ts';
import { eachLimited, figuresOf, fire, settle } from './measure.ts';
import { percentile } from './paced.ts';
import { drainOutbox } from './statements.ts';
import type { ScenarioResult } from './report.ts';
import type { Context, Target } from './scenarios.ts';

const CONNECTIONS = 16;
const SCIM_WORKSPACE = 'bench-scim';
const SAML_WORKSPACE = 'bench-saml';
const SCIM_DOMAIN = 'scim.bench.example';
const SAML_DOMAIN = 'saml.bench.example';
/** With the workspace's admin, the enterprise plan's 1,000 seats. */
const PROVISIONED = 999;

async function trpc<T>(target: Target, path: string, body: unknown, cookie: string): Promise<T> {
  const { status, json } = await postJson(target, `/trpc/${path}`, body, cookie);
  if (status >= 300) throw new Error(`Gatehouse ${path}: ${status} ${JSON.stringify(json)}`);
  return (json as { result: { data: T } }).result.data;
}

/** An enterprise workspace of the bench's first person, with a domain verified (written as the DNS check would leave it). */
async function workspaceWithDomain(context: Context, slug: string, domain: string): Promise<string> {
  const target = context.targets.gatehouse;
  const admin = context.people[0]!;
  const cookie = await signInCookie(target, admin.email);
  await trpc(target, 'workspace.create', { name: `Directory ${slug}`, slug }, cookie);
  await query(target.databaseUrl, `update workspace set plan = 'enterprise' where slug = $1`, [slug]);
  await query(
    target.databaseUrl,
    `insert into workspace_domain (id, workspace_id, domain, token, join_mode, verified_at, checked_at, created_at)
     select gen_random_uuid(), id, $2, md5(random()::text), 'none', now(), now(), now() from workspace where slug = $1`,
    [slug, domain],
  );
  return cookie;
}

const scimUser = (index: number) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: `person.${index}@${SCIM_DOMAIN}`,
  externalId: `entra-${index}`,
  displayName: `Provisioned Person ${index}`,
  name: { givenName: 'Provisioned', familyName: `Person ${index}` },
  emails: [{ primary: true, type: 'work', value: `person.${index}@${SCIM_DOMAIN}` }],
  active: true,
});

/** SCIM: 999 creates 16 at a time, then a page of 100 of the 1,000 and a filter by userName, each for the round's seconds. */
export async function runScim(context: Context): Promise<ScenarioResult[]> {
  const target = context.targets.gatehouse;
  const cookie = await workspaceWithDomain(context, SCIM_WORKSPACE, SCIM_DOMAIN);
  const { token } = await trpc<{ token: string }>(target, 'scim.createToken', { workspace: SCIM_WORKSPACE, name: 'Bench directory' }, cookie);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
  const base = `/scim/v2/${SCIM_WORKSPACE}`;
  const amount = context.settings.smoke ? 40 : PROVISIONED;
  await settle(target.server.pid);

  let next = 0;
  const startedCreates = Date.now();
  const created = await fire({
    server: target.server,
    connections: CONNECTIONS,
    amount,
    requests: [{ method: 'POST', path: `${base}/Users`, headers, setupRequest: (request) => ({ ...request, body: JSON.stringify(scimUser(next++)) }) }],
  });
  const creates = figuresOf(created, (Date.now() - startedCreates) / 1000);
  await drainOutbox(target.databaseUrl);
  await settle(target.server.pid);

  const measureGet = async (path: string) => {
    const started = Date.now();
    const outcome = await fire({ server: target.server, connections: CONNECTIONS, seconds: context.settings.seconds, requests: [{ method: 'GET', path, headers }] });
    const figures = figuresOf(outcome, (Date.now() - started) / 1000);
    await settle(target.server.pid);
    return figures;
  };
  const page = await measureGet(`${base}/Users?startIndex=${Math.floor(amount / 2)}&count=100`);
  const filter = await measureGet(`${base}/Users?filter=${encodeURIComponent(`userName eq "person.${Math.floor(amount / 3)}@${SCIM_DOMAIN}"`)}`);
  const members = (await query<{ count: string }>(target.databaseUrl, `select count(*) from member where workspace_id = (select id from workspace where slug = $1) and status = 'active'`, [SCIM_WORKSPACE]))[0]!.count;

  const gatehouseOnly = (id: string, title: string, label: string, notes: Record<string, number | string>): ScenarioResult => ({
    id,
    title,
    connections: CONNECTIONS,
    sides: { gatehouse: { label, statementsPerRequest: null, rounds: [], notes } },
  });
  return [
    gatehouseOnly('scim-create', `SCIM: a directory creates ${amount} people (each takes a seat)`, `POST ${base}/Users`, {
      createsPerSecond: creates.perSecond,
      p50ms: creates.p50ms,
      p99ms: creates.p99ms,
      created: creates.ok,
      refused: creates.refused,
      failed: creates.failed,
      activeMembers: Number(members),
    }),
    gatehouseOnly('scim-list', `SCIM: a page of 100 of ${Number(members)} members`, `GET ${base}/Users?startIndex&count=100`, { requestsPerSecond: page.perSecond, p50ms: page.p50ms, p99ms: page.p99ms, failed: page.failed }),
    gatehouseOnly('scim-filter', 'SCIM: filter userName eq (the directory’s probe and look-up)', `GET ${base}/Users?filter=userName eq`, { requestsPerSecond: filter.perSecond, p50ms: filter.p50ms, p99ms: filter.p99ms, failed: filter.failed }),
  ];
}


/**
 * SAML: people sign in through the workspace's directory, 8 at a time —
 * first each newcomer (made a member just in time), then the same people
 * again. Timed: Gatehouse's start (the AuthnRequest and its sealed cookie)
 * plus its ACS (signature, checks, replay record, session).
 */
export async function runSamlSignIn(context: Context): Promise<ScenarioResult> {
  const target = context.targets.gatehouse;
  const cookie = await workspaceWithDomain(context, SAML_WORKSPACE, SAML_DOMAIN);
  const accounts = new Map<string, SamlAccount>();
  const directory = await startSamlDirectory({ accounts });
  try {
    const read = await trpc<{ entityId: string; ssoUrl: string; certificates: { pem: string }[] }>(target, 'sso.readMetadata', { workspace: SAML_WORKSPACE, source: { xml: directory.metadata } }, cookie);
    const connection = await trpc<{ startUrl: string; redirectUri: string; saml: { spEntityId: string } }>(
      target,
      'sso.create',
      { workspace: SAML_WORKSPACE, kind: 'saml', name: 'Bench directory', saml: { entityId: read.entityId, ssoUrl: read.ssoUrl, certificates: read.certificates.map((certificate) => certificate.pem) } },
      cookie,
    );
    const people = context.settings.smoke ? 10 : 300;
    const logins = Array.from({ length: people }, (_, index) => {
      const email = `signer.${index}@${SAML_DOMAIN}`;
      accounts.set(email, { nameId: email, attributes: { email: [email], displayName: [`Signer ${index}`] } });
      return email;
    });

    const signIn = async (login: string): Promise<number> => {
      let elapsed = performance.now();
      const started = await fetch(`${connection.startUrl}?login_hint=${encodeURIComponent(login)}`, { redirect: 'manual' });
      const state = cookieOf(started);
      const request = inflateRawSync(Buffer.from(new URL(started.headers.get('location')!).searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
      elapsed = performance.now() - elapsed;
      const { samlResponse } = await directory.respond(connection.saml.spEntityId, { account: accounts.get(login)!, inResponseTo: /\sID="([^"]+)"/.exec(request)![1]! });
      const posted = performance.now();
      const answer = await fetch(connection.redirectUri, { method: 'POST', redirect: 'manual', headers: { cookie: state, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ SAMLResponse: samlResponse }).toString() });
      await answer.arrayBuffer();
      elapsed += performance.now() - posted;
      if (answer.status !== 303 || new URL(answer.headers.get('location')!, target.server.url).searchParams.has('error')) throw new Error(`SAML sign-in of ${login} failed: ${answer.status} ${answer.headers.get('location')}`);
      return elapsed;
    };
    const measure = async () => {
      await settle(target.server.pid);
      const times: number[] = [];
      const started = Date.now();
      await eachLimited(logins, 8, async (login) => {
        times.push(await signIn(login));
      });
      const seconds = (Date.now() - started) / 1000;
      times.sort((a, b) => a - b);
      return { perSecond: Math.round((logins.length / seconds) * 10) / 10, p50ms: Math.round(percentile(times, 50)), p99ms: Math.round(percentile(times, 99)) };
    };
    const firstTime = await measure();
    await drainOutbox(target.databaseUrl);
    const returning = await measure();
    return {
      id: 'saml-sign-in',
      title: `SAML sign-in round trip (${people} people, 8 at a time)`,
      connections: 8,
      sides: {
        gatehouse: {
          label: 'GET …/start, then POST …/acs',
          statementsPerRequest: null,
          rounds: [],
          notes: {
            firstSignInsPerSecond: firstTime.perSecond,
            firstP50ms: firstTime.p50ms,
            firstP99ms: firstTime.p99ms,
            returningSignInsPerSecond: returning.perSecond,
            returningP50ms: returning.p50ms,
            returningP99ms: returning.p99ms,
          },
        },
      },
    };
  } finally {
    await directory.close();
  }
}
