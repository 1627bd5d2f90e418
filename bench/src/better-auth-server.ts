/**
 * The reference server of the benchmark: Better Auth (pinned in package.json)
 * with email + password and the organization plugin, on its default
 * settings, served by node:http on PostgreSQL. Two instances share the
 * process, the pool and the tables: `/api/auth` as configured by default, and
 * `/cached/api/auth` with the session cookie cache turned on (its documented
 * option for cheaper session checks); `/oauth/api/auth` with its OAuth 2.1
 * provider plugin (and the JWT plugin it asks for); `/passkey/api/auth`
 * with its passkey plugin; `/scim/api/auth` with its SCIM plugin (one static
 * connection, provisioning into an organization); and `/sso/api/auth` with
 * its SSO plugin — so no scenario is measured with a plugin it does not use. Its rate limiter is off, as Gatehouse's
 * is during the benchmark: the scenarios measure work, not refusals. Its
 * logger only reports errors, as Gatehouse's does here.
 *
 * Environment: PORT, DATABASE_URL, PUBLIC_URL. `--migrate` creates the tables
 * and exits.
 */
import { createServer } from 'node:http';
import { betterAuth, type BetterAuthOptions, type BetterAuthPlugin } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { jwt, organization } from 'better-auth/plugins';
import { oauthProvider } from '@better-auth/oauth-provider';
import { passkey } from '@better-auth/passkey';
import { scim, type SCIMProjection } from '@better-auth/scim';
import { sso } from '@better-auth/sso';
import { BETTER_AUTH_SCIM } from './better-auth-directory.ts';
import pg from 'pg';

const publicUrl = process.env.PUBLIC_URL ?? 'http://127.0.0.1:3100';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

/** The plugins an instance has beside the organization plugin (`all`: the tables' superset, for the migration). */
type Extra = 'none' | 'oauth' | 'passkey' | 'scim' | 'sso' | 'all';

/**
 * The plugin provisions people but, by design, grants nothing: the
 * application's projection decides. This one does what a workspace
 * directory asks for — a provisioned person is a member of the connection's
 * organization, and leaves it when deactivated.
 */
const organizationMembership: SCIMProjection = {
  async reconcileUser({ provisioningDomainId, userId, active }, { database }) {
    const organization = await database.findOne<{ id: string }>({ model: 'organization', where: [{ field: 'slug', value: provisioningDomainId }] });
    if (!organization) throw new Error(`no organization ${provisioningDomainId}`);
    const where = [
      { field: 'organizationId', value: organization.id },
      { field: 'userId', value: userId },
    ];
    const member = await database.findOne<{ id: string }>({ model: 'member', where });
    if (active && !member) await database.create({ model: 'member', data: { organizationId: organization.id, userId, role: 'member', createdAt: new Date() } });
    if (!active && member) await database.delete({ model: 'member', where: [{ field: 'id', value: member.id }] });
  },
};

function options(basePath: string, cookieCache: boolean, extra: Extra = 'none'): BetterAuthOptions {
  const oauth = extra === 'oauth' || extra === 'all';
  return {
    appName: 'Better Auth reference',
    baseURL: publicUrl,
    basePath,
    secret: 'benchmark-secret-that-is-long-enough-0123456789',
    database: pool,
    emailAndPassword: { enabled: true },
    // Room for the 100,000-member organization and for inviting every bench person at once (the defaults stop at 100).
    plugins: [
      organization({ membershipLimit: 1_000_000, invitationLimit: 100_000 }),
      // Its own defaults; the login and consent pages are never reached (the benchmark's client skips consent, its person is signed in).
      // The plugin is typed against its own copy of Better Auth's core types: the same shape, another declaration.
      ...(oauth ? ([jwt(), oauthProvider({ loginPage: '/login', consentPage: '/consent' })] as unknown as BetterAuthPlugin[]) : []),
      // Its defaults: the relying party is the base URL's host, the origin the request's.
      ...(extra === 'passkey' || extra === 'all' ? ([passkey()] as unknown as BetterAuthPlugin[]) : []),
      ...(extra === 'scim' || extra === 'all'
        ? ([
            scim({
              connections: [{ id: BETTER_AUTH_SCIM.connectionId, provisioningDomainId: BETTER_AUTH_SCIM.organizationSlug, credentials: [{ type: 'bearer', id: 'bench', token: BETTER_AUTH_SCIM.token }] }],
              projection: organizationMembership,
            }),
          ] as unknown as BetterAuthPlugin[])
        : []),
      // Its defaults: a provider registered with an organization makes each person signing in through it a member.
      ...(extra === 'sso' || extra === 'all' ? ([sso()] as unknown as BetterAuthPlugin[]) : []),
    ],
    rateLimit: { enabled: false },
    ...(cookieCache ? { session: { cookieCache: { enabled: true, maxAge: 5 * 60 } } } : {}),
    telemetry: { enabled: false },
    // Its default logger writes a warning for every wrong password; the benchmark would measure the console.
    logger: { level: 'error' },
  };
}

const plain = betterAuth(options('/api/auth', false));
const cached = betterAuth(options('/cached/api/auth', true));
const oauth = betterAuth(options('/oauth/api/auth', false, 'oauth'));
const passkeys = betterAuth(options('/passkey/api/auth', false, 'passkey'));
const directory = betterAuth(options('/scim/api/auth', false, 'scim'));
const singleSignOn = betterAuth(options('/sso/api/auth', false, 'sso'));

/** The benchmark's OAuth client, made through the plugin's server-only registration (GET /bench/oauth-client) by the signed-in person. */
async function createOAuthClient(redirectUri: string, cookie: string): Promise<unknown> {
  const api = oauth.api as unknown as { adminCreateOAuthClient(input: { body: Record<string, unknown>; headers: Headers }): Promise<unknown> };
  return api.adminCreateOAuthClient({
    headers: new Headers({ cookie }),
    body: { redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_basic', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], skip_consent: true, scope: 'openid email profile' },
  });
}

if (process.argv.includes('--migrate')) {
  // Every plugin's tables at once: a superset of each instance's.
  const { runMigrations } = await getMigrations(options('/api/auth', false, 'all'));
  await runMigrations();
  await pool.end();
} else {
  const plainHandler = toNodeHandler(plain);
  const cachedHandler = toNodeHandler(cached);
  const oauthHandler = toNodeHandler(oauth);
  const passkeyHandler = toNodeHandler(passkeys);
  const scimHandler = toNodeHandler(directory);
  const ssoHandler = toNodeHandler(singleSignOn);
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.url?.startsWith('/cached/')) return void cachedHandler(req, res);
    if (req.url?.startsWith('/bench/oauth-client?')) {
      const redirectUri = new URL(req.url, publicUrl).searchParams.get('redirect_uri') ?? '';
      void createOAuthClient(redirectUri, req.headers.cookie ?? '').then(
        (client) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(client)),
        (error: unknown) => res.writeHead(500).end(JSON.stringify({ error: String(error), message: (error as Error).message, body: (error as { body?: unknown }).body, status: (error as { status?: unknown }).status })),
      );
      return;
    }
    if (req.url?.startsWith('/oauth/')) return void oauthHandler(req, res);
    if (req.url?.startsWith('/passkey/')) return void passkeyHandler(req, res);
    if (req.url?.startsWith('/scim/')) return void scimHandler(req, res);
    if (req.url?.startsWith('/sso/')) return void ssoHandler(req, res);
    return void plainHandler(req, res);
  });
  server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
