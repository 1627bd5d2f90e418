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

/** `DATABASE_URL` when given, else a real PostgreSQL of our own with its data kept in `dataDir`. */
export async function openDatabase(options: { databaseUrl: string | undefined; dataDir: string; logger: Logger }): Promise<Database> {
  const { logger } = options;
  let embedded: PostgresServer | null = null;
  let url = options.databaseUrl;
  if (!url) {
    const dataDir = path.join(options.dataDir, 'postgres');
    if (!canHostDataDir(dataDir)) throw new Error(`Cannot keep the embedded PostgreSQL data in ${dataDir}: set DATA_DIR to a directory every user may enter, or DATABASE_URL.`);
    const started = Date.now();
    embedded = await startPostgresServer({ dataDir, port: await freePort(), durability: 'durable' });
    logger.info({ dataDir, port: embedded.port, ms: Date.now() - started }, 'embedded PostgreSQL started');
    await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE);
    url = replaceDatabase(embedded.url('postgres'), EMBEDDED_DATABASE);
  }
  try {
    const orm = await openOrm({ databaseUrl: url, poolSize: 20 });
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
