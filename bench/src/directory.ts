/**
 * The company's directory at each side's doors: SCIM provisioning (a
 * directory creating 999 people into an enterprise workspace — with its
 * admin, the plan's 1,000 seats — then listing and filtering them as Entra
 * and Okta do), and a SAML sign-in round trip (the side's AuthnRequest, then
 * the directory's signed answer posted to its ACS). Better Auth runs the
 * same calls through its SCIM and SSO plugins (better-auth-server.ts). The
 * directory is a real SAML identity provider (samlify, as in the tests); its
 * own signing is not timed, only the side's two requests.
 */
import { inflateRawSync } from 'node:zlib';
import { startSamlDirectory, type SamlAccount, type SamlDirectory } from '@gatehouse/api-server/testing-saml';
import { BETTER_AUTH_SAML, BETTER_AUTH_SCIM } from './better-auth-directory.ts';
import { cookieOf, postJson, query, signInCookie, trpc } from './calls.ts';
import { eachLimited, figuresOf, fire, settle } from './measure.ts';
import { percentile } from './paced.ts';
import { drainOutbox } from './statements.ts';
import type { ScenarioResult, SideResult } from './report.ts';
import type { Context, Target } from './scenarios.ts';

const CONNECTIONS = 16;
const SCIM_WORKSPACE = 'bench-scim';
const SAML_WORKSPACE = 'bench-saml';
const SCIM_DOMAIN = 'scim.bench.example';
const SAML_DOMAIN = 'saml.bench.example';
/** With the workspace's admin, the enterprise plan's 1,000 seats. */
const PROVISIONED = 999;

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

/** A Better Auth organization of the bench's first person, made through its organization plugin at that instance. */
async function betterAuthOrganization(target: Target, via: string, slug: string, email: string): Promise<{ id: string; cookie: string }> {
  const cookie = await signInCookie(target, email, via);
  const { status, json } = await postJson(target, `${via}/api/auth/organization/create`, { name: `Directory ${slug}`, slug }, cookie);
  if (status >= 300) throw new Error(`Better Auth organization ${slug}: ${status} ${JSON.stringify(json)}`);
  return { id: (json as { id: string }).id, cookie };
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

/** Statements per call while `send` runs `times` calls one at a time (null without a counter). */
async function statementsOf(context: Context, target: Target, times: number, send: () => Promise<void>): Promise<number | null> {
  if (!context.statements) {
    for (let i = 0; i < times; i++) await send();
    return null;
  }
  return (await context.statements.perRequest(target.database, times, send)).perRequest;
}

interface ScimSide {
  /** Where the directory's Users endpoint lives. */
  base: string;
  headers: Record<string, string>;
  /** The people the workspace (organization) has as members now. */
  members(): Promise<number>;
}

/** Gatehouse: a SCIM token of the workspace, made in the console's call. Better Auth: its plugin's static connection, provisioning into an organization. */
async function scimSide(context: Context, target: Target): Promise<ScimSide> {
  const count = async (text: string, slug: string) => Number((await query<{ count: string }>(target.databaseUrl, text, [slug]))[0]!.count);
  if (target.side === 'gatehouse') {
    const cookie = await workspaceWithDomain(context, SCIM_WORKSPACE, SCIM_DOMAIN);
    const { token } = await trpc<{ token: string }>(target, 'scim.createToken', { workspace: SCIM_WORKSPACE, name: 'Bench directory' }, cookie);
    return {
      base: `/scim/v2/${SCIM_WORKSPACE}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      members: () => count(`select count(*) from member where workspace_id = (select id from workspace where slug = $1) and status = 'active'`, SCIM_WORKSPACE),
    };
  }
  await betterAuthOrganization(target, '/scim', BETTER_AUTH_SCIM.organizationSlug, context.people[0]!.email);
  return {
    base: '/scim/api/auth/scim/v2',
    headers: { authorization: `Bearer ${BETTER_AUTH_SCIM.token}`, 'content-type': 'application/scim+json' },
    members: () => count(`select count(*) from member where "organizationId" = (select id from organization where slug = $1)`, BETTER_AUTH_SCIM.organizationSlug),
  };
}

/** SCIM: 999 creates 16 at a time, then a page of 100 of the 1,000 and a filter by userName, each for the round's seconds — on each side. */
export async function runScim(context: Context): Promise<ScenarioResult[]> {
  const amount = context.settings.smoke ? 40 : PROVISIONED;
  const results = {
    create: { id: 'scim-create', title: `SCIM: a directory creates ${amount} people (each a member)`, connections: CONNECTIONS, sides: {} } as ScenarioResult,
    list: { id: 'scim-list', title: `SCIM: a page of 100 of ${amount + 1} members`, connections: CONNECTIONS, sides: {} } as ScenarioResult,
    filter: { id: 'scim-filter', title: 'SCIM: filter userName eq (the directory’s probe and look-up)', connections: CONNECTIONS, sides: {} } as ScenarioResult,
  };
  for (const target of [context.targets.gatehouse, context.targets.betterAuth]) {
    const side = await scimSide(context, target);
    const members = await side.members();
    await settle(target.server.pid);

    let next = 0;
    const post = (index: number) => ({ method: 'POST', headers: side.headers, body: JSON.stringify(scimUser(index)) });
    // The first few one at a time, while PostgreSQL counts their statements; the rest under load.
    let createdAlone = 0;
    const createStatements = await statementsOf(context, target, 5, async () => {
      const response = await fetch(`${target.server.url}${side.base}/Users`, post(next++));
      if (response.status === 201) createdAlone += 1;
      await response.arrayBuffer();
    });
    const startedCreates = Date.now();
    const created = await fire({
      server: target.server,
      connections: CONNECTIONS,
      amount: amount - next,
      requests: [{ method: 'POST', path: `${side.base}/Users`, headers: side.headers, setupRequest: (request) => ({ ...request, body: JSON.stringify(scimUser(next++)) }) }],
    });
    const creates = figuresOf(created, (Date.now() - startedCreates) / 1000);
    if (target.side === 'gatehouse') await drainOutbox(target.databaseUrl);
    await settle(target.server.pid);

    const measureGet = async (path: string) => {
      const started = Date.now();
      const outcome = await fire({ server: target.server, connections: CONNECTIONS, seconds: context.settings.seconds, requests: [{ method: 'GET', path, headers: side.headers }] });
      const figures = figuresOf(outcome, (Date.now() - started) / 1000);
      const statements = await statementsOf(context, target, 5, async () => void (await fetch(`${target.server.url}${path}`, { headers: side.headers })).arrayBuffer());
      await settle(target.server.pid);
      return { ...figures, statements };
    };
    const page = await measureGet(`${side.base}/Users?startIndex=${Math.floor(amount / 2)}&count=100`);
    const filter = await measureGet(`${side.base}/Users?filter=${encodeURIComponent(`userName eq "person.${Math.floor(amount / 3)}@${SCIM_DOMAIN}"`)}`);

    const notes = (label: string, statements: number | null, values: Record<string, number | string>): SideResult => ({ label, statementsPerRequest: statements, rounds: [], notes: values });
    results.create.sides[target.side] = notes(`POST ${side.base}/Users`, createStatements, {
      createsPerSecond: creates.perSecond,
      p50ms: creates.p50ms,
      p99ms: creates.p99ms,
      created: createdAlone + creates.ok,
      refused: creates.refused,
      failed: creates.failed,
      membersAdded: (await side.members()) - members,
    });
    results.list.sides[target.side] = notes(`GET ${side.base}/Users?startIndex&count=100`, page.statements, { requestsPerSecond: page.perSecond, p50ms: page.p50ms, p99ms: page.p99ms, failed: page.failed });
    results.filter.sides[target.side] = notes(`GET ${side.base}/Users?filter=userName eq`, filter.statements, { requestsPerSecond: filter.perSecond, p50ms: filter.p50ms, p99ms: filter.p99ms, failed: filter.failed });
  }
  return [results.create, results.list, results.filter];
}

interface SamlSide {
  label: string;
  /** The side's service provider entity id, where its metadata is read. */
  spEntityId: string;
  /** The side's first request: where it sends the browser, and the cookies it set. */
  start(login: string): Promise<{ location: string; cookie: string }>;
  /** Whether the ACS's answer signed the person in. */
  signedIn(answer: Response): boolean;
}

/** The directory's connection on each side: Gatehouse's console calls, Better Auth's provider registration with the organization. */
async function samlSide(context: Context, target: Target, directory: SamlDirectory): Promise<SamlSide> {
  const redirectedWithoutError = (answer: Response, status: number) => answer.status === status && !new URL(answer.headers.get('location') ?? '/', target.server.url).searchParams.has('error');
  if (target.side === 'gatehouse') {
    const cookie = await workspaceWithDomain(context, SAML_WORKSPACE, SAML_DOMAIN);
    const read = await trpc<{ entityId: string; ssoUrl: string; certificates: { pem: string }[] }>(target, 'sso.readMetadata', { workspace: SAML_WORKSPACE, source: { xml: directory.metadata } }, cookie);
    const connection = await trpc<{ startUrl: string; saml: { spEntityId: string } }>(
      target,
      'sso.create',
      { workspace: SAML_WORKSPACE, kind: 'saml', name: 'Bench directory', saml: { entityId: read.entityId, ssoUrl: read.ssoUrl, certificates: read.certificates.map((certificate) => certificate.pem) } },
      cookie,
    );
    return {
      label: 'GET …/start, then POST …/acs',
      spEntityId: connection.saml.spEntityId,
      async start(login) {
        const started = await fetch(`${connection.startUrl}?login_hint=${encodeURIComponent(login)}`, { redirect: 'manual' });
        return { location: started.headers.get('location')!, cookie: cookieOf(started) };
      },
      signedIn: (answer) => redirectedWithoutError(answer, 303),
    };
  }
  const via = '/sso';
  const organization = await betterAuthOrganization(target, via, BETTER_AUTH_SAML.organizationSlug, context.people[0]!.email);
  const spEntityId = `${target.server.url}${via}/api/auth/sso/saml2/sp/metadata?providerId=${BETTER_AUTH_SAML.providerId}`;
  const registered = await postJson(
    target,
    `${via}/api/auth/sso/register`,
    {
      providerId: BETTER_AUTH_SAML.providerId,
      issuer: directory.entityId,
      domain: SAML_DOMAIN,
      organizationId: organization.id,
      samlConfig: { entryPoint: directory.ssoUrl, idpMetadata: { metadata: directory.metadata }, spMetadata: { entityID: spEntityId } },
    },
    organization.cookie,
  );
  if (registered.status >= 300) throw new Error(`Better Auth SSO provider: ${registered.status} ${JSON.stringify(registered.json)}`);
  return {
    label: `POST ${via}/api/auth/sign-in/sso, then POST …/sso/saml2/sp/acs`,
    spEntityId,
    async start() {
      const response = await fetch(`${target.server.url}${via}/api/auth/sign-in/sso`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: target.server.url },
        body: JSON.stringify({ providerId: BETTER_AUTH_SAML.providerId, callbackURL: `${target.server.url}/signed-in` }),
      });
      const { url } = (await response.json()) as { url: string };
      return { location: url, cookie: cookieOf(response) };
    },
    signedIn: (answer) => redirectedWithoutError(answer, 302) && answer.headers.getSetCookie().some((header) => header.includes('session_token=')),
  };
}

/**
 * SAML: people sign in through the workspace's directory, 8 at a time —
 * first each newcomer (made a member just in time), then the same people
 * again. Timed: the side's start (the AuthnRequest and its state) plus its
 * ACS (signature, checks, replay record, session).
 */
export async function runSamlSignIn(context: Context): Promise<ScenarioResult> {
  const accounts = new Map<string, SamlAccount>();
  const directory = await startSamlDirectory({ accounts });
  const people = context.settings.smoke ? 10 : 300;
  const logins = Array.from({ length: people }, (_, index) => {
    const email = `signer.${index}@${SAML_DOMAIN}`;
    accounts.set(email, { nameId: email, attributes: { email: [email], displayName: [`Signer ${index}`] } });
    return email;
  });
  const result: ScenarioResult = { id: 'saml-sign-in', title: `SAML sign-in round trip (${people} people, 8 at a time)`, connections: 8, sides: {} };
  try {
    for (const target of [context.targets.gatehouse, context.targets.betterAuth]) {
      const side = await samlSide(context, target, directory);
      const signIn = async (login: string): Promise<number> => {
        let elapsed = performance.now();
        const started = await side.start(login);
        elapsed = performance.now() - elapsed;
        const location = new URL(started.location);
        const request = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
        const relayState = location.searchParams.get('RelayState') ?? undefined;
        const { samlResponse, acsUrl } = await directory.respond(side.spEntityId, { account: accounts.get(login)!, inResponseTo: /\sID="([^"]+)"/.exec(request)![1]!, relayState });
        const posted = performance.now();
        const form = new URLSearchParams({ SAMLResponse: samlResponse, ...(relayState ? { RelayState: relayState } : {}) });
        const answer = await fetch(acsUrl, { method: 'POST', redirect: 'manual', headers: { cookie: started.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
        await answer.arrayBuffer();
        elapsed += performance.now() - posted;
        if (!side.signedIn(answer)) throw new Error(`${target.server.name}: SAML sign-in of ${login} failed: ${answer.status} ${answer.headers.get('location')}`);
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
      if (target.side === 'gatehouse') await drainOutbox(target.databaseUrl);
      const returning = await measure();
      result.sides[target.side] = {
        label: side.label,
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
      };
    }
    return result;
  } finally {
    await directory.close();
  }
}
