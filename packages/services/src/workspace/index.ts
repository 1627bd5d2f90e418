export { runAbandonedCleanup, type CleanupReport } from './abandoned-cleanup.ts';
export { createWorkspace, type CreateWorkspaceOptions } from './create-workspace.ts';
export { getWorkspace, countSeatsUsed, SEAT_STATUSES } from './get-workspace.ts';
export { purgeExpired, EXPIRED_INVITATION_GRACE_DAYS, type PurgeReport } from './purge-expired.ts';
export { assertSeatsAvailable, lockWorkspace } from './seats.ts';
export { updateWorkspaceSettings, type UpdateSettingsOptions } from './update-workspace-settings.ts';
