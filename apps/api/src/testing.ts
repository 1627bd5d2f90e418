import http from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import Provider from 'oidc-provider';
import { hashPassword } from '@gatehouse/auth';
import { appCodeOf, createClient } from '@gatehouse/client';
import { queryRows, type Orm } from '@gatehouse/db';
import type { MailSink } from '@gatehouse/mail';
import { makeProfile, uniqueEmail, uniqueSlug, useTestDatabase } from '@gatehouse/db/testing';
import { freePort } from '@gatehouse/embedded-postgres';
import pino from 'pino';
import dns2 from 'dns2';
import { readEnv } from './env.ts';
import { startServer, type RunningServer } from './server.ts';

/** The whole api process on a test database, on a free port, with its public URL set to match. */
export async function startTestServer(options: {
  databaseUrl: string;
  portalDist?: string;
  consoleDist?: string;
  /** A port chosen beforehand (when another server must know our URL first). */
  port?: number;
  /** More configuration, e.g. a social provider. */
  env?: Record<string, string>;
}): Promise<RunningServer & { publicUrl: string }> {
  const port = options.port ?? (await freePort());
  const publicUrl = `http://localhost:${port}`;
  const env = readEnv({ PORT: String(port), PUBLIC_URL: publicUrl, DATABASE_URL: options.databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'error', ...options.env });
  const server = await startServer(
    { ...env, ...(options.portalDist ? { portalDist: options.portalDist } : {}), ...(options.consoleDist ? { consoleDist: options.consoleDist } : {}) },
    // Warnings (a failed mail delivery, a failed job) and errors reach the test output; routine logs do not.
    { logger: pino({ level: 'warn' }, pino.destination(2)) },
  );
  if (server.mailSink) explainMissingMail(server.mailSink, server);
  return Object.assign(server, { publicUrl });
}

/** A mail that does not come says why: what the outbox holds for that address (queued, retried, failed). */
function explainMissingMail(sink: MailSink, server: RunningServer): void {
  const waitFor = sink.waitFor.bind(sink);
  sink.waitFor = async (address, filter, timeoutMs) => {
    try {
      return await waitFor(address, filter, timeoutMs);
    } catch (error) {
      const outbox = await queryRows(
        server.database.orm.em.fork(),
        `select subject, attempts, created_at, next_attempt_at, locked_until, sent_at, failed_at, last_error
           from outbox_message where to_address = $1 order by created_at`,
        [address.toLowerCase()],
      );
      throw new Error(`${(error as Error).message}; its outbox rows: ${JSON.stringify(outbox)}`, { cause: error });
    }
  };
}

/** A fetch that keeps cookies like a browser would (no Origin header: a script, not a page). */
export function cookieFetch(): typeof fetch & { cookies: Map<string, string>; setCookieHeaders: string[] } {
  const cookies = new Map<string, string>();
  const setCookieHeaders: string[] = [];
  const wrapped = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const header of response.headers.getSetCookie()) {
      setCookieHeaders.push(header);
      const [pair = ''] = header.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(header)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  }) as typeof fetch & { cookies: Map<string, string>; setCookieHeaders: string[] };
  wrapped.cookies = cookies;
  wrapped.setCookieHeaders = setCookieHeaders;
  return wrapped;
}

/** The catalogue code and message of a call that must fail. */
export async function failureOf(call: Promise<unknown>): Promise<{ appCode: string | undefined; message: string; fields: Record<string, string> }> {
  try {
    await call;
  } catch (error) {
    const fields = (error as { data?: { fields?: Record<string, string> } }).data?.fields ?? {};
    return { appCode: appCodeOf(error), message: (error as Error).message, fields };
  }
  throw new Error('expected the call to fail');
}

export const TEST_PASSWORD = 'a long enough passphrase';

/** People for tests: each with a fresh profile and password, signed in as a desktop client (bearer token). */
export function testPeople(options: { server: () => RunningServer; orm: () => Orm }) {
  return {
    anonymous: async (locale?: string) => createClient({ url: options.server().url, ...(locale ? { locale } : {}) }),
    async signedIn(person: { name?: string; email?: string } = {}) {
      const email = person.email ?? uniqueEmail();
      const profile = await makeProfile(options.orm().em.fork(), { email, name: person.name ?? 'Person', passwordHash: await hashPassword(TEST_PASSWORD) });
      const url = options.server().url;
      const result = await createClient({ url }).auth.signIn.mutate({ email, password: TEST_PASSWORD, client: 'desktop' });
      if (result.status !== 'signed_in' || !result.token) throw new Error('no desktop token');
      return { profile, email, token: result.token, client: createClient({ url, token: result.token }) };
    },
  };
}

/** The token of a desktop sign-in that must have finished (no second factor pending). */
export function tokenOf(result: { status: string; token?: string }): string {
  if (result.status !== 'signed_in' || !result.token) throw new Error(`expected a finished desktop sign-in, got ${result.status}`);
  return result.token;
}

/** A test file's own database with the whole api process on it, started before its tests and stopped after. */
export function useTestServer(options: { env?: () => Record<string, string> } = {}) {
  const db = useTestDatabase();
  let server: (RunningServer & { publicUrl: string }) | undefined;
  beforeAll(async () => {
    server = await startTestServer({ databaseUrl: db.url, ...(options.env ? { env: options.env() } : {}) });
  });
  afterAll(async () => {
    await server?.close();
  });
  const current = () => {
    if (!server) throw new Error('useTestServer(): the server is ready only inside tests');
    return server;
  };
  return {
    db,
    people: testPeople({ server: current, orm: () => db.orm }),
    get server() {
      return current();
    },
  };
}

/**
 * A DNS server on loopback for a test file (`dns2`), answering TXT questions
 * from `records` (name → values): a name it does not hold is NXDOMAIN, one
 * set to `SERVFAIL` fails as a broken resolver would. Start it before the
 * server, whose `DNS_SERVERS` is its `address`.
 */
export function useTestDns() {
  const records = new Map<string, string[] | 'SERVFAIL'>();
  let server: ReturnType<typeof dns2.createServer> | undefined;
  let address = '';
  beforeAll(async () => {
    server = dns2.createServer({
      udp: true,
      handle: (request, send) => {
        const response = dns2.Packet.createResponseFromRequest(request);
        const [question] = request.questions;
        const held = question ? records.get(question.name.toLowerCase()) : undefined;
        if (held === 'SERVFAIL') response.header.rcode = 2;
        else if (!held) response.header.rcode = 3;
        // dns2 encodes plain records (its typings ask for the encoder's method too).
        else if (question!.type === dns2.Packet.TYPE.TXT) for (const data of held) response.answers.push({ name: question!.name, type: dns2.Packet.TYPE.TXT, class: dns2.Packet.CLASS.IN, ttl: 0, data } as dns2.Packet.Resource);
        send(response);
      },
    });
    const { udp } = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
    if (!udp) throw new Error('the test DNS server did not listen');
    address = `127.0.0.1:${udp.port}`;
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    records,
    get address() {
      return address;
    },
  };
}

/** A person the company directory knows: their claims, by their subject. */
export type DirectoryAccount = Record<string, unknown>;

/**
 * A company directory for single sign-on tests: a real OpenID Connect
 * provider (`oidc-provider`) on 127.0.0.1, with the clients and people it is
 * given. With `autoLogin`, its login and consent pages are skipped: the
 * person is the `login_hint` of the request (or `defaultLogin`), as a
 * directory with an open session would answer; without it, its development
 * login form asks (any password is accepted).
 */
export async function startCompanyDirectory(options: {
  port?: number;
  clients: { clientId: string; clientSecret: string; redirectUris: string[] }[];
  accounts: Map<string, DirectoryAccount>;
  autoLogin?: { defaultLogin: () => string };
}): Promise<{ issuer: string; close: () => Promise<void> }> {
  const port = options.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: client.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] })),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    cookies: { keys: ['company-directory-cookie-key'] },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = options.accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, ...account }) } : undefined;
    },
  });
  const handle = provider.callback();
  const autoLogin = options.autoLogin;
  const server = http.createServer((req, res) => {
    if (!autoLogin || !req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      let result: Record<string, unknown>;
      if (details.prompt.name === 'login') {
        const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : null;
        result = { login: { accountId: hint ?? autoLogin.defaultLogin() } };
      } else {
        const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id });
        grant.addOIDCScope('openid email profile');
        result = { consent: { grantId: await grant.save() } };
      }
      const to = await provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
      res.writeHead(303, { location: to }).end();
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
export { signingKey, startSamlDirectory, type SamlAccount, type SamlDirectory, type SigningKey } from './testing-saml.ts';

/**
 * A browser for the sign-in round trips: cookies kept per origin, redirects
 * followed one by one (so each hop can be looked at), a directory's
 * auto-posting form submitted as the page's script would. `home` is
 * Gatehouse's public URL: following stops at its own pages (not its /auth routes).
 */
export function testBrowser(home: string) {
  const jars = new Map<string, Map<string, string>>();
  async function go(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = jars.get(origin) ?? new Map<string, string>();
    jars.set(origin, jar);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const index = pair.indexOf('=');
      const [name, value] = [pair.slice(0, index), pair.slice(index + 1)];
      if (!value || /expires=Thu, 01 Jan 1970/i.test(header) || /max-age=0/i.test(header)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
  /** Posts a form's fields (urlencoded), as a page's form submission does. */
  const post = (url: string, fields: Record<string, string>) =>
    go(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const unescape = (value: string) => value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  /** Follows redirects (and auto-posting forms) until one leads to Gatehouse's own pages, and returns that address. */
  async function follow(url: string): Promise<URL> {
    let response = await go(url);
    let current = url;
    for (let hop = 0; hop < 20; hop += 1) {
      const location = response.headers.get('location');
      if (!location) {
        const page = await response.text();
        const form = /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(page);
        if (!form) throw new Error(`no redirect nor form from ${current} (${response.status}): ${page.slice(0, 200)}`);
        const fields = Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [match[1]!, unescape(match[2]!)]));
        current = new URL(unescape(form[1]!), current).toString();
        response = await post(current, fields);
        continue;
      }
      await response.arrayBuffer();
      const target = new URL(location, current);
      if (target.origin === new URL(home).origin && !target.pathname.startsWith('/auth/')) return target;
      current = target.toString();
      response = await go(current);
    }
    throw new Error('too many redirects');
  }
  const cookieOf = (name: string) => jars.get(new URL(home).origin)?.get(name);
  /** Gatehouse's cookies as this browser sends them, for a call of the API made with them. */
  const cookieHeader = () => [...(jars.get(new URL(home).origin) ?? [])].map(([name, value]) => `${name}=${value}`).join('; ');
  return { go, post, follow, jars, cookieOf, cookieHeader, session: () => cookieOf('gatehouse_session') ?? cookieOf('__Host-gatehouse_session') };
}

/**
 * An admin's new workspace holding `domain` verified, its TXT record served by
 * the test DNS server: where single sign-on and provisioning tests begin.
 */
export async function workspaceWithVerifiedDomain(options: { people: ReturnType<typeof testPeople>; dns: { records: Map<string, string[] | 'SERVFAIL'> }; name: string; domain: string }) {
  const admin = await options.people.signedIn({ name: options.name });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: `${options.name}'s company`, slug });
  const claimed = await admin.client.domains.add.mutate({ workspace: slug, domain: options.domain });
  options.dns.records.set(claimed.record.name, [claimed.record.value]);
  await admin.client.domains.verify.mutate({ workspace: slug, domainId: claimed.id });
  return { admin, slug, domain: options.domain };
}
