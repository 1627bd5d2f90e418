export * from './entities/index.ts';
export { openOrm, migrate, pendingMigrations, ormConfig, type Orm, type OrmOptions, type PoolCounts, type EntityManager } from './orm.ts';
export * from './repositories/session-repository.ts';
export { queryRows, queryPrepared, executeStatement } from './sql.ts';
export * from './repositories/sign-in-repository.ts';
export * from './repositories/membership-repository.ts';
export { restartSignInClock } from './repositories/workspace-repository.ts';
export { errorSummary, isDatabaseUnavailable } from './availability.ts';
