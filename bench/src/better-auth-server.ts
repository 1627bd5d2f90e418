/**
 * The reference server of the benchmark: Better Auth (pinned in package.json)
 * with email + password and the organization plugin, on its default
 * settings, served by node:http on PostgreSQL. Two instances share the
 * process, the pool and the tables: `/api/auth` as configured by default, and
 * `/cached/api/auth` with the session cookie cache turned on (its documented
 * option for cheaper session checks). Its rate limiter is off, as Gatehouse's
 * is during the benchmark: the scenarios measure work, not refusals. Its
 * logger only reports errors, as Gatehouse's does here.
 *
 * Environment: PORT, DATABASE_URL, PUBLIC_URL. `--migrate` creates the tables
 * and exits.
 */
import { createServer } from 'node:http';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { organization } from 'better-auth/plugins';
import pg from 'pg';

const publicUrl = process.env.PUBLIC_URL ?? 'http://127.0.0.1:3100';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

function options(basePath: string, cookieCache: boolean): BetterAuthOptions {
  return {
    appName: 'Better Auth reference',
    baseURL: publicUrl,
    basePath,
    secret: 'benchmark-secret-that-is-long-enough-0123456789',
    database: pool,
    emailAndPassword: { enabled: true },
    // Room for the 100,000-member organization and for inviting every bench person at once (the defaults stop at 100).
    plugins: [organization({ membershipLimit: 1_000_000, invitationLimit: 100_000 })],
    rateLimit: { enabled: false },
    ...(cookieCache ? { session: { cookieCache: { enabled: true, maxAge: 5 * 60 } } } : {}),
    telemetry: { enabled: false },
    // Its default logger writes a warning for every wrong password; the benchmark would measure the console.
    logger: { level: 'error' },
  };
}

const plain = betterAuth(options('/api/auth', false));
const cached = betterAuth(options('/cached/api/auth', true));

if (process.argv.includes('--migrate')) {
  const { runMigrations } = await getMigrations(options('/api/auth', false));
  await runMigrations();
  await pool.end();
} else {
  const plainHandler = toNodeHandler(plain);
  const cachedHandler = toNodeHandler(cached);
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.url?.startsWith('/cached/')) return void cachedHandler(req, res);
    return void plainHandler(req, res);
  });
  server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
