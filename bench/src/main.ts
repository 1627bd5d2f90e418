/**
 * `pnpm bench [--smoke] [--rounds=N] [--duration=seconds] [--only=a,b]`:
 * Gatehouse side by side with a pinned Better Auth reference server, on one
 * embedded PostgreSQL, each server one process on this Node binary. Every
 * comparable scenario runs A/B/A/B… after a warm-up; the report keeps the
 * median round. Writes bench/results/latest.json (or smoke.json) and
 * latest.md, and prints the table. `--smoke` (CI) runs each scenario for
 * about a second on small data, to keep the script working: its figures mean
 * nothing. Linux only (it reads /proc).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, chmod, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { argon2Bound } from './argon2-bound.ts';
import { ensureDatabase, freePort, replaceDatabase, startPostgresServer } from '@gatehouse/embedded-postgres';
import { startMailSink, type MailSink } from '@gatehouse/mail';
import { rssMbOf, runCleanLoad, runLoad, type Figures } from './measure.ts';
import { BENCH_SRC, ROOT, startServerProcess, type ServerProcess } from './processes.ts';
import { medianRound, renderMarkdown, type Report, type ScenarioResult } from './report.ts';
import { scenarios, type Context, type Side, type Target } from './scenarios.ts';
import { MEMBERSHIP_ADMIN, seedBetterAuthDirectory, verifyBetterAuthPeople } from './membership.ts';
import { benchPeople, seedGatehouse } from './seed.ts';
import { drainOutbox, StatementCounter } from './statements.ts';

const argument = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const smoke = process.argv.includes('--smoke');
const settings = {
  smoke,
  seconds: Number(argument('duration') ?? (smoke ? 1 : 10)),
  rounds: Number(argument('rounds') ?? (smoke ? 1 : 3)),
  people: smoke ? 20 : 200,
  members: smoke ? 2_000 : 100_000,
  sessions: smoke ? 2_000 : 200_000,
  only: argument('only')?.split(','),
};

const dataRoot = await mkdtemp(path.join(tmpdir(), 'gatehouse-bench-'));
await chmod(dataRoot, 0o755);
const postgres = await startPostgresServer({
  dataDir: path.join(dataRoot, 'data'),
  port: await freePort(),
  durability: 'durable',
  settings: { shared_preload_libraries: 'pg_stat_statements', max_connections: '300' },
});
const servers: ServerProcess[] = [];
let mailSinkStarted: MailSink | undefined;
try {
  const people = benchPeople(settings.people);
  const databases = { gatehouse: 'gatehouse_bench', betterAuth: 'better_auth_bench' };
  for (const name of Object.values(databases)) await ensureDatabase(postgres.url('postgres'), name);
  const gatehouseDb = replaceDatabase(postgres.url('postgres'), databases.gatehouse);
  const betterAuthDb = replaceDatabase(postgres.url('postgres'), databases.betterAuth);

  console.log(`seeding ${people.length} people on both, ${settings.members} directory members and ${settings.sessions} sessions on Gatehouse…`);
  const appSecret = randomBytes(32);
  const seed = await seedGatehouse({ databaseUrl: gatehouseDb, people: [...people, MEMBERSHIP_ADMIN], members: settings.members, sessions: settings.sessions, appSecret });
  // Gatehouse's mail goes to the benchmark's own SMTP sink, where the invitation scenario picks up its links.
  const mailSink = await startMailSink({ keep: 100_000 });
  mailSinkStarted = mailSink;

  const betterAuthScript = path.join(BENCH_SRC, 'better-auth-server.ts');
  const { spawnSync } = await import('node:child_process');
  const migrated = spawnSync(process.execPath, [betterAuthScript, '--migrate'], { env: { ...process.env, DATABASE_URL: betterAuthDb }, stdio: 'inherit' });
  if (migrated.status !== 0) throw new Error('Better Auth migration failed');

  const gatehousePort = await freePort();
  const gatehouse = await startServerProcess({
    name: 'Gatehouse',
    script: path.join(ROOT, 'apps', 'api', 'src', 'main.ts'),
    port: gatehousePort,
    // Rate limits off, as Better Auth's: the scenarios measure work, not refusals. The flood scenario relies on the argon2 queue bound alone.
    env: {
      PUBLIC_URL: `http://127.0.0.1:${gatehousePort}`,
      DATABASE_URL: gatehouseDb,
      APP_SECRET: appSecret.toString('hex'),
      SMTP_URL: mailSink.url,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMITS: 'off',
    },
    nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  });
  servers.push(gatehouse);
  const betterAuthPort = await freePort();
  const betterAuth = await startServerProcess({
    name: 'Better Auth',
    script: betterAuthScript,
    port: betterAuthPort,
    env: { PUBLIC_URL: `http://127.0.0.1:${betterAuthPort}`, DATABASE_URL: betterAuthDb },
  });
  servers.push(betterAuth);
  const pids = servers.map((server) => server.pid);
  const idleRssMb = { gatehouse: await rssMbOf(gatehouse.pid), betterAuth: await rssMbOf(betterAuth.pid) };

  const targets: Record<Side, Target> = {
    gatehouse: { side: 'gatehouse', server: gatehouse, database: databases.gatehouse, databaseUrl: gatehouseDb },
    betterAuth: { side: 'betterAuth', server: betterAuth, database: databases.betterAuth, databaseUrl: betterAuthDb },
  };
  // Measured with the servers idle: the ceiling every password scenario is judged against.
  const argon2 = await argon2Bound(smoke ? 1 : 5);
  const context: Context = { people, seed, settings, targets, argon2, mailSink, statements: null, betterAuthDirectory: null };
  console.log('seeding Better Auth through its sign-up…');
  await scenarios.seedBetterAuth(context);
  await verifyBetterAuthPeople(context);
  console.log(`seeding Better Auth's ${settings.members}-member organization…`);
  context.betterAuthDirectory = { organizationId: await seedBetterAuthDirectory(context, settings.members), adminEmail: MEMBERSHIP_ADMIN.email };

  const counter = await StatementCounter.connect(postgres.url('postgres'));
  context.statements = counter;
  const results: ScenarioResult[] = [];
  const failures: string[] = [];
  try {
    for (const scenario of scenarios.list) {
      if (settings.only && !settings.only.includes(scenario.id)) continue;
      console.log(`▶ ${scenario.title}`);
      const result: ScenarioResult = { id: scenario.id, title: scenario.title, connections: scenario.connections, sides: {} };
      const sides = (Object.keys(scenario.sides) as Side[]).filter((side) => scenario.sides[side]);
      for (const side of sides) {
        const definition = scenario.sides[side]!;
        const target = targets[side];
        const requests = await definition.prepare(context);
        await runLoad({ server: target.server, connections: scenario.connections, seconds: Math.min(2, settings.seconds), requests }, pids); // warm-up
        const counted = definition.countStatements === false ? null : await counter.perRequest(target.database, smoke ? 5 : 30, (i) => definition.sendOne(context, requests, i));
        result.sides[side] = { label: definition.label, statementsPerRequest: counted?.perRequest ?? null, ...(counted ? { usedOffset: counted.usedOffset } : {}), rounds: [] };
      }
      for (let round = 0; round < settings.rounds; round++) {
        for (const side of sides) {
          const definition = scenario.sides[side]!;
          const requests = await definition.prepare(context);
          const bound = scenario.boundByHashing && side === 'gatehouse' ? (await argon2Bound(smoke ? 1 : 3)).verifiesPerSecond : undefined;
          const figures: Figures & { reruns: number } = await runCleanLoad(
            { server: targets[side].server, connections: scenario.connections, seconds: settings.seconds, requests, ...(scenario.overallRate ? { overallRate: scenario.overallRate } : {}) },
            pids,
          );
          result.sides[side]!.rounds.push(bound === undefined ? figures : { ...figures, argon2Bound: bound });
        }
      }
      if (scenario.latencyAtHalfLoad && result.sides.gatehouse?.rounds.length) {
        const offered = Math.max(1, Math.round(medianRound(result.sides.gatehouse).requestsPerSecond / 2));
        const requests = await scenario.sides.gatehouse!.prepare(context);
        const figures = await runCleanLoad({ server: gatehouse, connections: scenario.connections, seconds: settings.seconds, requests, pacedRate: offered }, pids);
        result.sides.gatehouse.halfLoad = { ...figures, offeredPerSecond: offered };
      }
      results.push(result);
      const drained = await drainOutbox(gatehouseDb);
      if (drained.seconds >= 1) console.log(`  mail outbox drained in ${drained.seconds} s${drained.left ? ` (${drained.left} left)` : ''}`);
    }
    for (const extra of scenarios.extras) {
      if (settings.only && !settings.only.includes(extra.id)) continue;
      console.log(`▶ ${extra.title}`);
      try {
        const outcome = await extra.run(context, pids);
        results.push(...(Array.isArray(outcome) ? outcome : [outcome]));
      } catch (error) {
        // One broken scenario must not cost the figures of all the others: it is reported, and the run fails at the end.
        console.error(`  ✗ ${extra.id}: ${(error as Error).message}`);
        failures.push(`${extra.id}: ${(error as Error).message}`);
      }
    }
  } finally {
    await counter.close();
  }

  const report: Report = {
    when: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux, Node ${process.versions.node}`,
    betterAuthVersion: scenarios.betterAuthVersion(),
    settings: { smoke, seconds: settings.seconds, rounds: settings.rounds, people: settings.people, members: settings.members, sessions: settings.sessions },
    argon2,
    idleRssMb,
    finalIdleRssMb: { gatehouse: await rssMbOf(gatehouse.pid), betterAuth: await rssMbOf(betterAuth.pid) },
    results,
  };
  const markdown = renderMarkdown(report);
  const name = smoke ? 'smoke' : 'latest';
  await writeFile(path.join(ROOT, 'bench', 'results', `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(ROOT, 'bench', 'results', `${name}.md`), markdown);
  console.log(`\n${markdown}`);
  const failed = results.flatMap((result) => Object.values(result.sides).flatMap((side) => side.rounds.filter((round) => round.errors > 0 || round.statuses['5xx']! > 0)));
  if (failed.length) failures.push(`${failed.length} round(s) saw connection errors or 5xx answers`);
  if (failures.length) throw new Error(`the benchmark finished with failures:\n${failures.join('\n')}`);
} finally {
  for (const server of servers) await server.stop();
  await mailSinkStarted?.close();
  await postgres.stop();
  await rm(dataRoot, { recursive: true, force: true });
}
