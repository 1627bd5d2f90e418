import { afterAll, beforeAll, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@gatehouse/embedded-postgres';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../orm.ts';

export interface TestDatabaseHandle {
  /** The ORM on this file's own database. */
  readonly orm: MikroORM;
  readonly url: string;
}

/** A fresh database, cloned from the migrated template, for the calling test file. */
export function useTestDatabase(): TestDatabaseHandle {
  let database: TestDatabase | undefined;
  let orm: MikroORM | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(inject('pgAdminUrl'));
    orm = await openOrm({ databaseUrl: database.url, poolSize: 10 });
  });
  afterAll(async () => {
    await orm?.close();
    await database?.drop();
  });
  return {
    get orm() {
      if (!orm) throw new Error('useTestDatabase(): the database is ready only inside tests');
      return orm;
    },
    get url() {
      if (!database) throw new Error('useTestDatabase(): the database is ready only inside tests');
      return database.url;
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's admin URL, provided by the global setup. */
    pgAdminUrl: string;
  }
}
