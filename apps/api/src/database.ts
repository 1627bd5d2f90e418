import { createHash } from 'node:crypto';
import path from 'node:path';
import { canHostDataDir, ensureDatabase, freePort, replaceDatabase, startPostgresServer, type PostgresServer } from '@gatehouse/embedded-postgres';
import { migrate, openOrm, type Orm } from '@gatehouse/db';
import type { Logger } from 'pino';

export interface Database {
  orm: Orm;
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

/** `DATABASE_URL` when given, else a real PostgreSQL of our own with its data kept in `dataDir`. */
export async function openDatabase(options: { databaseUrl: string | undefined; poolSize: number; dataDir: string; logger: Logger }): Promise<Database> {
  const { logger } = options;
  let embedded: PostgresServer | null = null;
  let url = options.databaseUrl;
  if (!url) {
    const dataDir = embeddedDataDir(options.dataDir, logger);
    const started = Date.now();
    embedded = await startPostgresServer({ dataDir, port: await freePort(), durability: 'durable' });
    logger.info({ dataDir, port: embedded.port, ms: Date.now() - started }, 'embedded PostgreSQL started');
    await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE);
    url = replaceDatabase(embedded.url('postgres'), EMBEDDED_DATABASE);
  }
  try {
    const orm = await openOrm({ databaseUrl: url, poolSize: options.poolSize });
    const applied = await migrate(orm);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const server = embedded;
    return {
      orm,
      url,
      embedded,
      async close() {
        await orm.close();
        await server?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
