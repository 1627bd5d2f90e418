import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';
import { startPostgresServer, type PostgresServer } from './postgres-server.ts';

/**
 * One PostgreSQL cluster per test run, tuned for speed; every test file gets a
 * fresh database cloned from a migrated template (about 50 ms), dropped after.
 */
const PREFIX = 'gatehouse-test-pg-';
export const TEMPLATE_DATABASE = 'gatehouse_template';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Clusters of killed runs: stop their postmaster and remove their data. */
async function sweepStaleClusters(): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(PREFIX))) {
    const dir = path.join(tmpdir(), entry);
    const owner = Number(await readFile(path.join(dir, 'owner.pid'), 'utf8').catch(() => '0'));
    if (owner && isAlive(owner)) continue;
    const pidFile = path.join(dir, 'data', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const postmaster = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
      if (postmaster && isAlive(postmaster)) process.kill(postmaster, 'SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  }
}

export interface TestCluster {
  server: PostgresServer;
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  await sweepStaleClusters();
  const root = path.join(tmpdir(), `${PREFIX}${process.pid}-${Date.now().toString(36)}`);
  await mkdir(root, { recursive: true, mode: 0o755 });
  await writeFile(path.join(root, 'owner.pid'), String(process.pid));
  const server = await startPostgresServer({ dataDir: path.join(root, 'data'), port: await freePort(), durability: 'fast' });
  return {
    server,
    adminUrl: server.url('postgres'),
    async stop() {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the template database and lets `migrate` bring it to the current schema. */
export async function prepareTemplate(adminUrl: string, migrate: (url: string) => Promise<void>): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`));
  const url = replaceDatabase(adminUrl, TEMPLATE_DATABASE);
  await migrate(url);
  // Cloning needs the template to have no open connection.
  await withClient(adminUrl, (client) =>
    client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      TEMPLATE_DATABASE,
    ]),
  );
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  return {
    name,
    url: replaceDatabase(adminUrl, name),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

export function replaceDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  });
}
