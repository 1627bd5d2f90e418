export * from './entities/index.ts';
export { openOrm, migrate, pendingMigrations, ormConfig, type Orm, type OrmOptions, type PoolCounts, type EntityManager } from './orm.ts';
export * from './repositories/session-repository.ts';
export { queryRows, queryPrepared, executeStatement, escapeLike } from './sql.ts';
export * from './repositories/sign-in-repository.ts';
export * from './repositories/membership-repository.ts';
export { countMembersOfWorkspaces, lockWorkspaceRow, restartSignInClock, workspaceIdOfSlug } from './repositories/workspace-repository.ts';
export * from './repositories/member-repository.ts';
export * from './repositories/second-factor-repository.ts';
export * from './repositories/maintenance-repository.ts';
export { eraseProfileRow } from './repositories/profile-erasure-repository.ts';
export { errorSummary, isDatabaseUnavailable } from './availability.ts';
export {
  upsertOidcRecord,
  findOidcRecord,
  findOidcRecordByUid,
  findOidcRecordByUserCode,
  consumeOidcRecord,
  destroyOidcRecord,
  revokeOidcGrant,
  revokeOidcClientRecords,
  revokeOidcAccountRecords,
  findGrantedApps,
  type GrantedApp,
  claimDueAppLogouts,
  enqueueAppLogout,
  recordAppLogoutAttempt,
  type DueAppLogout,
  lockSigningKeys,
  type OidcRecordInput,
} from './repositories/oidc-repository.ts';
export { findAppRecord, findAppMember, type AppRecord, type AppMember } from './repositories/app-repository.ts';
export { insertPasskeyChallenge, recordPasskeyUse, takePasskeyChallenge } from './repositories/passkey-repository.ts';
export { findApiKeyByHash, touchApiKey, type ApiKeyRecord } from './repositories/api-key-repository.ts';
export * from './repositories/security-policy-repository.ts';
export { countScimGroupMembers, findScimTokenBySecret, scimGroupsOfMembers, scimUserPage, type ScimTokenRecord, type ScimUserRow } from './repositories/scim-repository.ts';
export {
  claimDueWebhookDeliveries,
  claimWebhookEventsToFanOut,
  disableFailingWebhookEndpoint,
  recordWebhookAttempts,
  saveWebhookFanOut,
  type DueWebhookDelivery,
  type WebhookAttemptOutcome,
  type WebhookEventToFanOut,
} from './repositories/webhook-repository.ts';
