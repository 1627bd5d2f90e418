import { createHash } from 'node:crypto';
import path from 'node:path';
import { canHostDataDir, ensureDatabase, freePort, replaceDatabase, startPostgresServer, type PostgresServer } from '@gatehouse/embedded-postgres';
import { migrate, openOrm, type Orm, type PoolCounts } from '@gatehouse/db';
import type { Logger } from 'pino';
import { directoryPoolSize } from './env.ts';

export interface Database {
  orm: Orm;
  /**
   * The member directory's own small pool with a short statement timeout:
   * slow searches queue and time out there, never in front of session
   * checks and sign-ins on the main pool.
   */
  directoryOrm: Orm;
  /** Each pool's counts, for metrics. */
  pools: Record<'main' | 'directory', PoolCounts | null>;
  url: string;
  /** Present when this process started its own PostgreSQL. */
  embedded: PostgresServer | null;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'gatehouse';

/**
 * `<dataDir>/postgres`, unless the postgres user (PostgreSQL never runs as
 * root) cannot enter it, as under a home directory only root may enter: then
 * a stable place under /var/tmp, which survives reboots, named after the checkout.
 */
function embeddedDataDir(dataDir: string, logger: Logger): string {
  const preferred = path.join(dataDir, 'postgres');
  if (canHostDataDir(preferred)) return preferred;
  const fallback = path.join('/var/tmp', `gatehouse-${createHash('sha256').update(preferred).digest('hex').slice(0, 12)}`, 'postgres');
  if (!canHostDataDir(fallback)) throw new Error(`Cannot keep the embedded PostgreSQL data in ${preferred}: set DATA_DIR to a directory every user may enter, or DATABASE_URL.`);
  logger.warn({ preferred, fallback }, 'the postgres user cannot enter the data directory; keeping the data in the fallback instead (set DATA_DIR to choose)');
  return fallback;
}

export interface DatabaseLimits {
  poolSize: number;
  /** How long a query waits for a connection before the request is refused with 503. */
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
  directoryStatementTimeoutMs: number;
}

/**
 * A real PostgreSQL of our own, its data kept in `dataDir`, with the
 * product's database in it. With `joinRunning` (a command beside the running
 * product), the PostgreSQL already serving that data is used and left running.
 */
export async function startEmbeddedDatabase(options: { dataDir: string; logger: Logger; joinRunning?: boolean }): Promise<{ server: PostgresServer; url: string }> {
  const dataDir = embeddedDataDir(options.dataDir, options.logger);
  const started = Date.now();
  const server = await startPostgresServer({ dataDir, port: await freePort(), durability: 'durable', whenRunning: options.joinRunning ? 'join' : 'replace' });
  options.logger.info({ dataDir, port: server.port, ms: Date.now() - started }, 'embedded PostgreSQL started');
  await ensureDatabase(server.url('postgres'), EMBEDDED_DATABASE);
  return { server, url: replaceDatabase(server.url('postgres'), EMBEDDED_DATABASE) };
}

/** `DATABASE_URL` when given, else a real PostgreSQL of our own with its data kept in `dataDir`. */
export async function openDatabase(options: { databaseUrl: string | undefined; limits: DatabaseLimits; dataDir: string; logger: Logger; joinRunning?: boolean }): Promise<Database> {
  const { logger } = options;
  let embedded: PostgresServer | null = null;
  let url = options.databaseUrl;
  if (!url) {
    const started = await startEmbeddedDatabase({ dataDir: options.dataDir, logger, ...(options.joinRunning ? { joinRunning: true } : {}) });
    embedded = started.server;
    url = started.url;
  }
  const opened: Orm[] = [];
  try {
    // Migrations run on a connection of their own, without the request pools' statement timeout.
    const migrator = await openOrm({ databaseUrl: url, poolSize: 1, applicationName: 'gatehouse-migrate' });
    opened.push(migrator);
    const applied = await migrate(migrator);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    await migrator.close();
    opened.pop();

    const { limits } = options;
    const pools: Database['pools'] = { main: null, directory: null };
    const orm = await openOrm({
      databaseUrl: url,
      poolSize: limits.poolSize,
      acquireTimeoutMs: limits.acquireTimeoutMs,
      statementTimeoutMs: limits.statementTimeoutMs,
      applicationName: 'gatehouse',
      onPoolCreated: (pool) => (pools.main = pool),
    });
    opened.push(orm);
    const directoryOrm = await openOrm({
      databaseUrl: url,
      poolSize: directoryPoolSize(limits.poolSize),
      acquireTimeoutMs: limits.acquireTimeoutMs,
      statementTimeoutMs: limits.directoryStatementTimeoutMs,
      applicationName: 'gatehouse-directory',
      onPoolCreated: (pool) => (pools.directory = pool),
    });
    opened.push(directoryOrm);
    const server = embedded;
    return {
      orm,
      directoryOrm,
      pools,
      url,
      embedded,
      async close() {
        await directoryOrm.close();
        await orm.close();
        await server?.stop();
      },
    };
  } catch (error) {
    for (const orm of opened) await orm.close();
    await embedded?.stop();
    throw error;
  }
}
