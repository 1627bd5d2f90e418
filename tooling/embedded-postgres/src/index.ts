export { startPostgresServer, canHostDataDir, type PostgresServer, type PostgresServerOptions } from './postgres-server.ts';
export { startTestCluster, prepareTemplate, ensureDatabase, createTestDatabase, replaceDatabase, TEMPLATE_DATABASE, type TestCluster, type TestDatabase } from './test-cluster.ts';
export { freePort } from './free-port.ts';
