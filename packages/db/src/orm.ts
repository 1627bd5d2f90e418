import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities/index.ts';
import { MIGRATIONS } from './migrations/index.ts';

export type { EntityManager };
export type Orm = MikroORM;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** What a `pg` pool tells of itself: open connections, idle ones, and queries waiting for one. */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

export interface OrmOptions {
  databaseUrl: string;
  /** Connections in this process's pool. */
  poolSize?: number;
  /**
   * How long a query may wait for a free connection (and for a new one to
   * open): past it the query fails, and the request is answered 503 at once
   * instead of queueing behind everyone else's.
   */
  acquireTimeoutMs?: number;
  /** PostgreSQL's statement_timeout on every connection of this pool. */
  statementTimeoutMs?: number;
  /** Shown in pg_stat_activity, so an operator tells the pools apart. */
  applicationName?: string;
  /** Handed the `pg` pool once it exists (metrics read its counts). */
  onPoolCreated?: (pool: PoolCounts) => void;
  debug?: boolean;
}

export function ormConfig(options: OrmOptions): Options {
  return defineConfig({
    clientUrl: options.databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    // Every request forks its own entity manager; touching the global one is a bug.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    // The database exists (DATABASE_URL, or the embedded one made by its launcher): never reach for the `postgres`
    // database to create it, which a connection pooler in front (PgBouncer) does not offer.
    ensureDatabase: false,
    debug: options.debug ?? false,
    pool: { min: 0, max: options.poolSize ?? 10 },
    driverOptions: {
      ...(options.acquireTimeoutMs ? { connectionTimeoutMillis: options.acquireTimeoutMs } : {}),
      ...(options.applicationName ? { application_name: options.applicationName } : {}),
      // A SET on each new connection, awaited before the pool hands it out, rather than a startup parameter:
      // PgBouncer refuses startup parameters it does not track.
      ...(options.statementTimeoutMs
        ? { onConnect: (client: { query(text: string): Promise<unknown> }) => client.query(`set statement_timeout = ${Math.floor(options.statementTimeoutMs!)}`) }
        : {}),
      ...(options.onPoolCreated ? { onPoolCreated: options.onPoolCreated } : {}),
    },
    migrations: {
      path: MIGRATIONS_DIR,
      migrationsList: MIGRATIONS,
      emit: 'ts',
      fileName: (timestamp, name) => `migration-${timestamp}${name ? `-${name}` : ''}`,
      snapshotName: '.snapshot-gatehouse',
      // The snapshot is written only by `migration:create`, never by a running server.
      snapshotOnMigrate: false,
      silent: true,
    },
  });
}

export function openOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.migrator.getPending()).map((migration) => migration.name);
}
