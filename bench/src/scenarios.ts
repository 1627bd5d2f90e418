import { readFileSync } from 'node:fs';
import type autocannon from 'autocannon';
import type { ServerProcess } from './processes.ts';
import { eachLimited, figuresOf, fire, rssMbOf, runLoad, settle } from './measure.ts';
import type { ScenarioResult } from './report.ts';
import type { StatementCounter } from './statements.ts';
import { totpCodeAt } from '@gatehouse/auth';
import type { MailSink } from '@gatehouse/mail';
import { PASSWORD, type GatehouseSeed } from './seed.ts';
import { MEMBERSHIP_ADMIN, runMembership } from './membership.ts';
import { postJson, signInCookie } from './calls.ts';
import { exchangeBody, oidcSide } from './oidc.ts';
import { runPasskeySignIn } from './passkeys.ts';
import { runSamlSignIn, runScim } from './directory.ts';
import { runWebhookFanOut } from './webhooks.ts';

export type Side = 'gatehouse' | 'betterAuth';

export interface Target {
  side: Side;
  server: ServerProcess;
  database: string;
  databaseUrl: string;
}

export interface Context {
  people: { email: string; name: string }[];
  seed: GatehouseSeed;
  settings: { smoke: boolean; seconds: number; rounds: number };
  targets: Record<Side, Target>;
  argon2: { verifiesPerSecond: number };
  mailSink: MailSink;
  /** Counts SQL statements per request. */
  statements: StatementCounter | null;
  /** Better Auth's organization with as many members as Gatehouse's directory workspace. */
  betterAuthDirectory: { organizationId: string; adminEmail: string } | null;
}

export interface SideDefinition {
  /** What is called, as a reader of the table would look it up. */
  label: string;
  /** The requests each connection cycles through (fresh sessions, unique emails…), made before every round. */
  prepare(context: Context): Promise<autocannon.Request[]>;
  /** Each request sent once more, one at a time, while PostgreSQL counts statements. */
  sendOne(context: Context, requests: autocannon.Request[], index: number): Promise<void>;
  countStatements?: false;
}

export interface Scenario {
  id: string;
  title: string;
  connections: number;
  overallRate?: number;
  /** Judged against the argon2id bound: measured again right before each of Gatehouse's rounds, since the machine's speed drifts. */
  boundByHashing?: boolean;
  /**
   * Has a latency target: Gatehouse runs once more at half its own saturated
   * rate, and the target is judged there. At saturation a 2-core machine
   * measures only its queue.
   */
  latencyAtHalfLoad?: boolean;
  sides: Partial<Record<Side, SideDefinition>>;
}

const JSON_POST = { 'content-type': 'application/json' };

/** A run-unique counter for addresses that must not exist yet (sign-up, invitations). */
let unique = 0;
const runId = Date.now().toString(36);
function freshEmail(prefix: string): string {
  return `${prefix}-${runId}-${++unique}@example.test`;
}


/** Sends one autocannon request with fetch (statement counting); a body made per request is made here too. */
async function sendWithFetch(target: Target, request: autocannon.Request): Promise<void> {
  const setup = request.setupRequest as ((request: autocannon.Request, context: object) => autocannon.Request) | undefined;
  const ready = setup ? setup({ ...request }, {}) : request;
  const response = await fetch(`${target.server.url}${ready.path}`, {
    method: ready.method ?? 'GET',
    headers: ready.headers as Record<string, string>,
    ...(ready.body ? { body: ready.body as string } : {}),
  });
  await response.arrayBuffer();
}

function side(target: (context: Context) => Target, label: string, prepare: (context: Context, target: Target) => Promise<autocannon.Request[]> | autocannon.Request[]): SideDefinition {
  return {
    label,
    prepare: async (context) => prepare(context, target(context)),
    sendOne: (context, requests, index) => sendWithFetch(target(context), requests[index % requests.length]!),
  };
}
const gatehouse = (context: Context) => context.targets.gatehouse;
const betterAuth = (context: Context) => context.targets.betterAuth;

/**
 * Gatehouse tells a new device from a known one (a new one gets a security
 * mail): the benchmark signs in like a returning browser, with the device
 * cookie of an earlier sign-in. One device per person, made once.
 */
const deviceCookies = new Map<string, string>();
async function deviceCookieOf(target: Target, email: string): Promise<string> {
  let cookie = deviceCookies.get(email);
  if (!cookie) {
    cookie = `gatehouse_device=${Buffer.from(email).toString('base64url').padEnd(22, 'x').slice(0, 64)}`;
    await fetch(`${target.server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { ...JSON_POST, origin: target.server.url, cookie },
      body: JSON.stringify({ email, password: PASSWORD, client: 'browser' }),
    });
    deviceCookies.set(email, cookie);
  }
  return cookie;
}

async function signInRequests(target: Target, emails: string[], password: string): Promise<autocannon.Request[]> {
  const isGatehouse = target.side === 'gatehouse';
  const requests: autocannon.Request[] = [];
  for (const email of emails) {
    requests.push({
      method: 'POST',
      path: isGatehouse ? '/trpc/auth.signIn' : '/api/auth/sign-in/email',
      headers: { ...JSON_POST, origin: target.server.url, ...(isGatehouse ? { cookie: await deviceCookieOf(target, email) } : {}) },
      body: JSON.stringify(isGatehouse ? { email, password, client: 'browser' } : { email, password }),
    });
  }
  return requests;
}

function signInScenario(id: string, title: string, emails: (context: Context) => string[], password: string): Scenario {
  return {
    id,
    title,
    connections: 16,
    boundByHashing: true,
    sides: {
      gatehouse: side(gatehouse, 'POST /trpc/auth.signIn', (context, target) => signInRequests(target, emails(context), password)),
      betterAuth: side(betterAuth, 'POST /api/auth/sign-in/email', (context, target) => signInRequests(target, emails(context), password)),
    },
  };
}

const sessionCheck = side(gatehouse, 'GET /trpc/auth.session', async (context, target) => [
  { method: 'GET', path: '/trpc/auth.session', headers: { cookie: await signInCookie(target, context.people[1]!.email) } },
]);

function directory(search: string | undefined, cursor: (context: Context) => string | undefined): SideDefinition {
  return side(gatehouse, 'GET /trpc/members.list', async (context, target) => {
    const input = { workspace: context.seed.directory.slug, limit: 50, ...(search ? { search } : {}), ...(cursor(context) ? { cursor: cursor(context) } : {}) };
    const cookie = await signInCookie(target, context.seed.directory.adminEmail);
    return [{ method: 'GET', path: `/trpc/members.list?input=${encodeURIComponent(JSON.stringify(input))}`, headers: { cookie } }];
  });
}

function signUpRequest(target: Target): autocannon.Request {
  const isGatehouse = target.side === 'gatehouse';
  return {
    method: 'POST',
    path: isGatehouse ? '/trpc/auth.signUp' : '/api/auth/sign-up/email',
    headers: { ...JSON_POST, origin: target.server.url },
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ email: freshEmail('signup'), password: PASSWORD, name: 'New Person' }) }),
  };
}

/** Userinfo with the person's access token, on the side's issuer. */
function userinfo(target: (context: Context) => Target): SideDefinition {
  return side(target, target === gatehouse ? 'GET /oidc/me' : 'GET /oauth/api/auth/oauth2/userinfo', async (context, chosen) => {
    const oidc = await oidcSide(context, chosen);
    return [{ method: 'GET', path: oidc.paths.userinfo, headers: { authorization: `Bearer ${await oidc.accessToken()}` } }];
  });
}

/** Token introspection (RFC 7662) by the app that holds the token. */
function introspection(target: (context: Context) => Target): SideDefinition {
  return side(target, target === gatehouse ? 'POST /oidc/token/introspection' : 'POST /oauth/api/auth/oauth2/introspect', async (context, chosen) => {
    const oidc = await oidcSide(context, chosen);
    const body = new URLSearchParams({ token: await oidc.accessToken() }).toString();
    return [{ method: 'POST', path: oidc.paths.introspect, headers: { authorization: oidc.basic, 'content-type': 'application/x-www-form-urlencoded' }, body }];
  });
}

const list: Scenario[] = [
  signInScenario('sign-in', 'password sign-in', (context) => context.people.map((person) => person.email), PASSWORD),
  signInScenario('wrong-password', 'wrong password', (context) => context.people.map((person) => person.email), 'not the password of anyone here'),
  signInScenario('unknown-email', 'unknown email', (context) => context.people.map((_, i) => `nobody-${i}@example.test`), PASSWORD),
  {
    id: 'session',
    title: 'authenticated request (session check)',
    connections: 50,
    latencyAtHalfLoad: true,
    sides: {
      gatehouse: sessionCheck,
      betterAuth: side(betterAuth, 'GET /api/auth/get-session', async (context, target) => [
        { method: 'GET', path: '/api/auth/get-session', headers: { cookie: await signInCookie(target, context.people[1]!.email) } },
      ]),
    },
  },
  {
    id: 'session-cookie-cache',
    title: 'session check vs Better Auth’s cookie cache',
    connections: 50,
    sides: {
      gatehouse: sessionCheck,
      betterAuth: side(betterAuth, 'GET /cached/api/auth/get-session (cookieCache on)', async (context, target) => [
        { method: 'GET', path: '/cached/api/auth/get-session', headers: { cookie: await signInCookie(target, context.people[1]!.email, '/cached') } },
      ]),
    },
  },
  {
    id: 'sign-up',
    title: 'sign-up',
    connections: 32,
    sides: {
      gatehouse: side(gatehouse, 'POST /trpc/auth.signUp', (_, target) => [signUpRequest(target)]),
      betterAuth: side(betterAuth, 'POST /api/auth/sign-up/email', (_, target) => [signUpRequest(target)]),
    },
  },
  {
    id: 'directory-first',
    title: 'directory: first page of 50 (100,000 members in a full run)',
    connections: 16,
    sides: {
      gatehouse: directory(undefined, () => undefined),
      betterAuth: side(betterAuth, 'GET /api/auth/organization/list-members', async (context, target) => {
        const directory = context.betterAuthDirectory!;
        return [{ method: 'GET', path: `/api/auth/organization/list-members?organizationId=${directory.organizationId}&limit=50`, headers: { cookie: await signInCookie(target, directory.adminEmail) } }];
      }),
    },
  },
  { id: 'oidc-userinfo', title: 'OpenID Connect: userinfo with an access token', connections: 32, sides: { gatehouse: userinfo(gatehouse), betterAuth: userinfo(betterAuth) } },
  { id: 'oidc-introspection', title: 'OpenID Connect: token introspection', connections: 32, sides: { gatehouse: introspection(gatehouse), betterAuth: introspection(betterAuth) } },
  { id: 'directory-deep', title: 'directory: a page 99% deep', connections: 16, latencyAtHalfLoad: true, sides: { gatehouse: directory(undefined, (context) => context.seed.directory.deepCursor) } },
  { id: 'directory-search-broad', title: 'directory: broad search (“son”, ~15% of members)', connections: 16, latencyAtHalfLoad: true, sides: { gatehouse: directory('son', () => undefined) } },
  { id: 'directory-search-narrow', title: 'directory: narrow search (one address)', connections: 16, latencyAtHalfLoad: true, sides: { gatehouse: directory('okafor.4254@', () => undefined) } },
];

/** Better Auth's people are made by its own sign-up (its own hashing), with Gatehouse's names, emails and password. */
async function seedBetterAuth(context: Context): Promise<void> {
  const target = context.targets.betterAuth;
  const queue = [...context.people, MEMBERSHIP_ADMIN];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let person = queue.shift(); person; person = queue.shift()) {
        const response = await fetch(`${target.server.url}/api/auth/sign-up/email`, {
          method: 'POST',
          headers: { ...JSON_POST, origin: target.server.url },
          body: JSON.stringify({ email: person.email, password: PASSWORD, name: person.name }),
        });
        if (!response.ok) throw new Error(`Better Auth sign-up failed: ${response.status} ${await response.text()}`);
      }
    }),
  );
}

/** The version pinned in this package's manifest. */
function betterAuthVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  return manifest.dependencies['better-auth'] ?? 'unknown';
}

export interface Extra {
  id: string;
  title: string;
  run(context: Context, pids: number[]): Promise<ScenarioResult | ScenarioResult[]>;
}

function sessionCheckRequest(target: Target, cookie: string): autocannon.Request {
  return { method: 'GET', path: target.side === 'gatehouse' ? '/trpc/auth.session' : '/api/auth/get-session', headers: { cookie } };
}

/** A scenario only Gatehouse runs, reported as figures of its own rather than rounds. */
function gatehouseNotes(extra: Extra, connections: number, label: string, notes: Record<string, number | string | boolean>): ScenarioResult {
  return { id: extra.id, title: extra.title, connections, sides: { gatehouse: { label, statementsPerRequest: null, rounds: [], notes } } };
}

/**
 * A login flood: sign-ins arrive at four times what argon2id can verify on
 * this machine (the bound measured at the start), from 256 connections,
 * while a steady 200 session checks and 20 health checks a second run
 * beside them. What counts is how the steady requests fare, and that the
 * excess is refused (429) rather than failing (5xx).
 */
const loginFlood: Extra = {
  id: 'login-flood',
  title: 'login flood: sign-in at saturation beside steady authenticated requests',
  async run(context, pids) {
    const result: ScenarioResult = { id: this.id, title: this.title, connections: 256, sides: {} };
    const floodRate = 4 * context.argon2.verifiesPerSecond;
    for (const target of [context.targets.gatehouse, context.targets.betterAuth]) {
      const cookie = await signInCookie(target, context.people[2]!.email);
      const floodRequests = await signInRequests(target, context.people.map((person) => person.email), PASSWORD);
      // In a worker thread of its own: the flood must not slow down the client that measures the steady requests.
      const flood = fire({ server: target.server, connections: 256, overallRate: floodRate, seconds: context.settings.seconds, requests: floodRequests, workers: 1 });
      const health = fire({ server: target.server, connections: 2, seconds: context.settings.seconds, overallRate: 20, requests: [{ method: 'GET', path: '/healthz' }] });
      const steady = await runLoad({ server: target.server, connections: 10, seconds: context.settings.seconds, overallRate: 200, requests: [sessionCheckRequest(target, cookie)] }, pids);
      const [floodResult, healthResult] = await Promise.all([flood, health]);
      await settle(target.server.pid);
      result.sides[target.side] = {
        label: 'session check at 200/s during the flood',
        statementsPerRequest: null,
        rounds: [{ ...steady, reruns: 0 }],
        notes: {
          sessionP99ms: steady.p99ms,
          healthP99ms: healthResult.latency.p99,
          floodRate,
          signInsPerSecond: Math.round(floodResult['2xx'] / context.settings.seconds),
          rateLimited: floodResult.statusCodeStats?.['429']?.count ?? 0,
          fiveHundreds: floodResult['5xx'] + healthResult['5xx'] + steady.statuses['5xx']!,
          floodErrors: floodResult.errors + floodResult.timeouts,
        },
      };
    }
    return result;
  },
};

/**
 * Slow searches: 500 connections ask the 100,000-member directory 500 broad
 * searches a second (a trigram search matching ~15 % of members, and
 * two-letter prefixes), while a steady 200 session checks a second run beside them.
 * The directory has a pool of its own with a bounded wait: what counts is
 * that the session check stays fast, and that excess searches are refused
 * (503 with Retry-After) instead of queueing for seconds.
 */
const slowSearches: Extra = {
  id: 'slow-searches',
  title: 'slow searches: 500 connections asking 500 directory searches a second, beside steady session checks',
  async run(context, pids) {
    const target = context.targets.gatehouse;
    const cookie = await signInCookie(target, context.people[3]!.email);
    const adminCookie = await signInCookie(target, context.seed.directory.adminEmail);
    const searches = ['son', 'an', 'ma', 'er'].map((search) => ({
      method: 'GET' as const,
      path: `/trpc/members.list?input=${encodeURIComponent(JSON.stringify({ workspace: context.seed.directory.slug, limit: 50, search }))}`,
      headers: { cookie: adminCookie },
    }));
    // 500 searches a second from 500 connections (each asks once a second, as a person or a script does, not in a tight loop),
    // in a worker thread of its own so the searches' client does not slow down the one that measures the session checks.
    const load = fire({ server: target.server, connections: 500, overallRate: 500, seconds: context.settings.seconds, requests: searches, workers: 1 });
    const steady = await runLoad({ server: target.server, connections: 10, seconds: context.settings.seconds, overallRate: 200, requests: [sessionCheckRequest(target, cookie)] }, pids);
    const searched = await load;
    await settle(target.server.pid);
    return {
      id: this.id,
      title: this.title,
      connections: 500,
      sides: {
        gatehouse: {
          label: 'session check at 200/s beside 500 connections of searches',
          statementsPerRequest: null,
          rounds: [{ ...steady, reruns: 0 }],
          notes: {
            sessionP99ms: steady.p99ms,
            searchesAnswered: searched['2xx'],
            searchesRefused: searched.statusCodeStats?.['503']?.count ?? 0,
            searchP99ms: searched.latency.p99,
            otherFailures: searched['5xx'] - (searched.statusCodeStats?.['503']?.count ?? 0) + searched.errors + searched.timeouts + steady.statuses['5xx']!,
          },
        },
      },
    };
  },
};

/**
 * Memory: Gatehouse keeps nothing per session in memory, so its RSS must stay
 * flat after every one of the seeded sessions (200,000) has been checked once.
 */
const memory: Extra = {
  id: 'memory',
  title: 'memory after every seeded session was checked once',
  async run(context) {
    const target = context.targets.gatehouse;
    const tokens = context.seed.sessionTokens;
    const half = Math.floor(tokens.length / 2);
    const checkEach = async (sessions: string[]) => {
      let next = 0;
      const outcome = await fire({
        server: target.server,
        connections: 50,
        amount: sessions.length,
        requests: [{ method: 'GET', path: '/trpc/auth.session', setupRequest: (request) => ({ ...request, headers: { authorization: `Bearer ${sessions[next++ % sessions.length]}` } }) }],
      });
      await settle(target.server.pid);
      return { outcome, rssMb: await rssMbOf(target.server.pid) };
    };
    // The first half brings the heap to its working size under this load; the second half, as many other sessions, shows whether anything stays behind per session.
    const started = Date.now();
    const first = await checkEach(tokens.slice(0, half));
    const second = await checkEach(tokens.slice(half));
    return gatehouseNotes(this, 50, 'GET /trpc/auth.session, each seeded session once', {
      sessions: tokens.length,
      checksPerSecond: Math.round((first.outcome.requests.total + second.outcome.requests.total) / ((Date.now() - started) / 1000)),
      non2xx: first.outcome.non2xx + second.outcome.non2xx,
      beforeMb: first.rssMb,
      afterMb: second.rssMb,
      growth: Math.round((second.rssMb / first.rssMb - 1) * 100) / 100,
    });
  },
};

/** Runs `work` over `items` with a few at a time (set-up steps that sign people in). */



/**
 * TOTP: people with two-step verification sign in with their password (set-up,
 * not measured), then each challenge is answered with the current code; then
 * they sign in again and the very code that was just accepted is replayed,
 * which must be refused every time.
 */
const totp: Extra = {
  id: 'totp',
  title: 'TOTP: verify the second step, then replay the accepted code',
  async run(context) {
    const target = context.targets.gatehouse;
    const people = context.seed.twoFactor;
    const challenges = async () => {
      const ids: string[] = [];
      await eachLimited(people, 4, async (person, index) => {
        const { json } = await postJson(target, '/trpc/auth.signIn', { email: person.email, password: PASSWORD, client: 'desktop' });
        ids[index] = (json as { result: { data: { challengeId: string } } }).result.data.challengeId;
      });
      return ids;
    };
    const answer = async (ids: string[], codeOf: (index: number) => string) => {
      let next = 0;
      const started = Date.now();
      const outcome = await fire({
        server: target.server,
        connections: 16,
        amount: ids.length,
        requests: [
          {
            method: 'POST',
            path: '/trpc/auth.verifyTwoFactor',
            headers: JSON_POST,
            setupRequest: (request) => {
              const index = next++;
              return { ...request, body: JSON.stringify({ challengeId: ids[index], code: codeOf(index) }) };
            },
          },
        ],
      });
      return figuresOf(outcome, (Date.now() - started) / 1000);
    };
    const used: string[] = [];
    const verify = await answer(await challenges(), (index) => (used[index] = totpCodeAt(people[index]!.key, new Date())));
    await settle(target.server.pid);
    const replay = await answer(await challenges(), (index) => used[index]!);
    await settle(target.server.pid);
    return gatehouseNotes(this, 16, 'POST /trpc/auth.verifyTwoFactor', {
      verifiesPerSecond: verify.perSecond,
      verifyP50ms: verify.p50ms,
      verifyP99ms: verify.p99ms,
      accepted: verify.ok,
      replayP99ms: replay.p99ms,
      replaysRefused: replay.refused,
      replaysAccepted: replay.ok,
      failed: verify.failed + replay.failed,
    });
  },
};

/** The secrets of the invitation links mailed to `emails`, as they arrive (three minutes at most: earlier scenarios may have left mail in the outbox). */
async function invitationLinks(sink: MailSink, emails: string[]): Promise<string[]> {
  const wanted = new Set(emails);
  const found = new Map<string, string>();
  const until = Date.now() + 180_000;
  while (found.size < wanted.size && Date.now() < until) {
    for (const mail of sink.messages()) {
      const to = mail.to.find((address) => wanted.has(address));
      const secret = /\/invitation#([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      if (to && secret) found.set(to, secret);
    }
    if (found.size < wanted.size) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return [...found.values()];
}

/**
 * Invitations: an admin invites one new address per call (900, within the
 * enterprise plan's seats); the mails travel over SMTP to the benchmark's
 * sink; then every invitee accepts with a name and a password (argon2id).
 */
const invitations: Extra = {
  id: 'invitations',
  title: 'invitation: create (one address per call), then accept',
  async run(context) {
    const target = context.targets.gatehouse;
    const { slug, adminEmail } = context.seed.invitations;
    const cookie = await signInCookie(target, adminEmail);
    // Within the plan's seats (1,000).
    const count = context.settings.smoke ? 40 : 900;
    const emails = Array.from({ length: count }, () => freshEmail('invitee'));
    let next = 0;
    let started = Date.now();
    const created = await fire({
      server: target.server,
      connections: 16,
      amount: count,
      requests: [
        {
          method: 'POST',
          path: '/trpc/invitations.send',
          headers: { ...JSON_POST, origin: target.server.url, cookie },
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ workspace: slug, emails: [emails[next++]] }) }),
        },
      ],
    });
    const create = figuresOf(created, (Date.now() - started) / 1000);
    const tokens = await invitationLinks(context.mailSink, emails);
    if (tokens.length < created['2xx']) throw new Error(`only ${tokens.length} of ${created['2xx']} invitation mails arrived`);
    await settle(target.server.pid);
    next = 0;
    started = Date.now();
    const accepted = await fire({
      server: target.server,
      connections: 16,
      amount: tokens.length,
      requests: [
        {
          method: 'POST',
          path: '/trpc/invitations.accept',
          headers: JSON_POST,
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: tokens[next++], name: 'Invited Person', password: PASSWORD, passwordConfirm: PASSWORD }) }),
        },
      ],
    });
    const accept = figuresOf(accepted, (Date.now() - started) / 1000);
    await settle(target.server.pid);
    return gatehouseNotes(this, 16, 'POST /trpc/invitations.send, then POST /trpc/invitations.accept', {
      invitations: count,
      createdPerSecond: create.perSecond,
      createP99ms: create.p99ms,
      createdOk: create.ok,
      mailsWithLinks: tokens.length,
      acceptedPerSecond: accept.perSecond,
      acceptP99ms: accept.p99ms,
      acceptedOk: accept.ok,
      failed: create.failed + accept.failed + create.refused + accept.refused,
    });
  },
};

/** Invite, accept and remove side by side with Better Auth's organization plugin (membership.ts). */
const membership: Extra = {
  id: 'membership',
  title: 'membership: invite, accept, remove, side by side',
  run: (context, pids) => runMembership(context, pids),
};

/**
 * The code-for-token exchange: codes are single use, so each side mints its
 * own through the authorization endpoint first (not measured), then every
 * code is exchanged once, 16 at a time, with PKCE and the client secret.
 */
const codeExchange: Extra = {
  id: 'oidc-code-exchange',
  title: 'OpenID Connect: authorization code for tokens',
  async run(context) {
    const amount = context.settings.smoke ? 40 : 3000;
    const result: ScenarioResult = { id: this.id, title: this.title, connections: 16, sides: {} };
    for (const chosen of [context.targets.gatehouse, context.targets.betterAuth]) {
      const oidc = await oidcSide(context, chosen);
      const codes: { code: string; verifier: string }[] = [];
      await eachLimited(Array.from({ length: amount }), 4, async (_, index) => {
        codes[index] = await oidc.mintCode();
      });
      await settle(chosen.server.pid);
      let next = 0;
      const started = Date.now();
      const outcome = await fire({
        server: chosen.server,
        connections: 16,
        amount,
        requests: [
          {
            method: 'POST',
            path: oidc.paths.token,
            headers: { authorization: oidc.basic, 'content-type': 'application/x-www-form-urlencoded' },
            setupRequest: (request) => ({ ...request, body: exchangeBody(oidc.redirectUri, codes[next++]!) }),
          },
        ],
      });
      const figures = figuresOf(outcome, (Date.now() - started) / 1000);
      result.sides[chosen.side] = {
        label: `POST ${oidc.paths.token}`,
        statementsPerRequest: null,
        rounds: [],
        notes: { exchangesPerSecond: figures.perSecond, p50ms: figures.p50ms, p99ms: figures.p99ms, exchanged: figures.ok, refused: figures.refused, failed: figures.failed },
      };
      await settle(chosen.server.pid);
    }
    return result;
  },
};

/** Passkey sign-in side by side with Better Auth's passkey plugin (passkeys.ts). */
const passkeySignIn: Extra = {
  id: 'passkey-sign-in',
  title: 'passkey sign-in: options, then the signed answer',
  run(context) {
    return runPasskeySignIn(context, this);
  },
};

/** SCIM provisioning and listing, as a company's directory drives them (directory.ts). */
const scimProvisioning: Extra = {
  id: 'scim',
  title: 'SCIM: provisioning and listing',
  run: (context) => runScim(context),
};

/** A SAML sign-in through a company's directory (directory.ts). */
const samlSignIn: Extra = {
  id: 'saml-sign-in',
  title: 'SAML sign-in round trip',
  run: (context) => runSamlSignIn(context),
};

/** Membership changes with and without webhook endpoints, and their deliveries (webhooks.ts). */
const webhookFanOut: Extra = {
  id: 'webhook-fan-out',
  title: 'webhook fan-out',
  run: (context) => runWebhookFanOut(context),
};

export const extras: Extra[] = [membership, totp, invitations, codeExchange, passkeySignIn, scimProvisioning, samlSignIn, webhookFanOut, loginFlood, slowSearches, memory];

export const scenarios = { list, extras, seedBetterAuth, betterAuthVersion };
