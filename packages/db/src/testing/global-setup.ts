import type { TestProject } from 'vitest/node';
import { prepareTemplate, startTestCluster } from '@gatehouse/embedded-postgres';
import { migrate, openOrm } from '../orm.ts';
import './test-database.ts';

/**
 * Vitest global setup: one real PostgreSQL per test run with the migrated
 * template every test file clones. Use as `globalSetup: ['@gatehouse/db/testing/global-setup']`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startTestCluster();
  try {
    await prepareTemplate(cluster.adminUrl, async (url) => {
      const orm = await openOrm({ databaseUrl: url, poolSize: 1 });
      try {
        await migrate(orm);
      } finally {
        await orm.close();
      }
    });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide('pgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
