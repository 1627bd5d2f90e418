/**
 * `pnpm bench [--smoke] [--duration=seconds]`: starts a real PostgreSQL and
 * the api as its own process, seeds profiles, and measures sign-in and the
 * authenticated session check with autocannon on 127.0.0.1. Prints a table
 * and writes bench/results/latest.json. `--smoke` runs each scenario ~1 s
 * (CI uses it to keep the script working), not for figures. The api runs
 * with RATE_LIMITS=off so the scenarios measure sign-in work, not refusals.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { hashPassword } from '@gatehouse/auth';
import { Profile, migrate, openOrm } from '@gatehouse/db';
import { ensureDatabase, freePort, replaceDatabase, startPostgresServer } from '@gatehouse/embedded-postgres';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const smoke = process.argv.includes('--smoke');
const durationArg = process.argv.find((arg) => arg.startsWith('--duration='));
const duration = smoke ? 1 : Number(durationArg?.split('=')[1] ?? 10);
const PROFILES = smoke ? 20 : 200;
const PASSWORD = 'benchmark passphrase that is long';

interface Figures {
  scenario: string;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error('the api process exited during start-up');
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the api did not become healthy');
}

function run(options: { scenario: string; url: string; connections: number; requests: autocannon.Request[]; headers?: Record<string, string>; method?: 'GET' | 'POST' }): Promise<Figures> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        requests: options.requests,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          scenario: options.scenario,
          connections: options.connections,
          seconds: duration,
          requestsPerSecond: Math.round(result.requests.average),
          p50ms: result.latency.p50,
          p99ms: result.latency.p99,
          maxMs: result.latency.max,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
  });
}

const dataRoot = await mkdtemp(path.join(tmpdir(), 'gatehouse-bench-'));
await chmod(dataRoot, 0o755);
const postgres = await startPostgresServer({ dataDir: path.join(dataRoot, 'data'), port: await freePort(), durability: 'durable' });
let api: ChildProcess | undefined;
try {
  await ensureDatabase(postgres.url('postgres'), 'gatehouse_bench');
  const databaseUrl = replaceDatabase(postgres.url('postgres'), 'gatehouse_bench');
  const orm = await openOrm({ databaseUrl, poolSize: 2 });
  await migrate(orm);
  const passwordHash = await hashPassword(PASSWORD);
  const em = orm.em.fork();
  const emails = Array.from({ length: PROFILES }, (_, i) => `bench-${i}@example.test`);
  for (const email of emails) em.create(Profile, { email, name: email, passwordHash, emailVerifiedAt: new Date() });
  await em.flush();
  await orm.close();

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the api under load.
  const apiNodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  api = spawn(process.execPath, [...apiNodeArgs, path.join(ROOT, 'apps', 'api', 'src', 'main.ts')], {
    // Rate limits off: the scenarios measure the work of a sign-in, not the refusal of a flood.
    env: { ...process.env, PORT: String(port), PUBLIC_URL: url, DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn', RATE_LIMITS: 'off' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(url, api);

  const tokenResponse = await fetch(`${url}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: emails[0], password: PASSWORD, client: 'desktop' }),
  });
  const token = ((await tokenResponse.json()) as { result: { data: { token: string } } }).result.data.token;

  const results: Figures[] = [];
  results.push(
    await run({
      scenario: 'password sign-in (POST auth.signIn)',
      url: `${url}/trpc/auth.signIn`,
      connections: 16,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: emails.map((email) => ({ method: 'POST', path: '/trpc/auth.signIn', body: JSON.stringify({ email, password: PASSWORD, client: 'desktop' }) })),
    }),
  );
  results.push(
    await run({
      scenario: 'wrong password (POST auth.signIn)',
      url: `${url}/trpc/auth.signIn`,
      connections: 16,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ method: 'POST', path: '/trpc/auth.signIn', body: JSON.stringify({ email: emails[1], password: 'not the password at all', client: 'desktop' }) }],
    }),
  );
  results.push(
    await run({
      scenario: 'authenticated session check (GET auth.session)',
      url: `${url}/trpc/auth.session`,
      connections: 50,
      headers: { authorization: `Bearer ${token}` },
      requests: [{ method: 'GET', path: '/trpc/auth.session' }],
    }),
  );

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.versions.node}`;
  const report = { when: new Date().toISOString(), machine, smoke, results };
  await writeFile(path.join(ROOT, 'bench', 'results', smoke ? 'smoke.json' : 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nGatehouse benchmark — ${machine}${smoke ? ' (smoke run: figures not meaningful)' : ''}\n`);
  console.log('| scenario | conns | req/s | p50 ms | p99 ms | max ms | non-2xx | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(`| ${r.scenario} | ${r.connections} | ${r.requestsPerSecond} | ${r.p50ms} | ${r.p99ms} | ${r.maxMs} | ${r.non2xx} | ${r.errors} |`);
  }
  const signIn = results[0]!;
  const session = results[2]!;
  if (signIn.errors > 0 || session.errors > 0 || session.non2xx > 0) throw new Error('the benchmark saw failed requests');
} finally {
  if (api && api.exitCode === null) {
    const exited = new Promise((resolve) => api!.once('exit', resolve));
    api.kill('SIGTERM');
    await exited;
  }
  await postgres.stop();
  await rm(dataRoot, { recursive: true, force: true });
}
