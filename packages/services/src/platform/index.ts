export { acceptCreatorRole } from './accept-creator-role.ts';
export { fileRecoveryRequest } from './file-recovery-request.ts';
export { getRecoveryLetter } from './get-recovery-letter.ts';
export { listRecoveryRequests, type RecoveryRequestView } from './list-recovery-requests.ts';
export { offerCreatorRole } from './offer-creator-role.ts';
export { getPendingRecoveryRequest, type PendingRecoveryView } from './pending-recovery-request.ts';
export { refuseRecoveryRequest } from './refuse-recovery-request.ts';
export { reviewRecoveryRequest } from './review-recovery-request.ts';
export { setWorkspacePlan } from './set-workspace-plan.ts';
