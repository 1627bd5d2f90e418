export { useTestDatabase, type TestDatabaseHandle } from './test-database.ts';
export { makeMember, makeProfile, makeWorkspace, uniqueEmail, uniqueSlug } from './factories.ts';
