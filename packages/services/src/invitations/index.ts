export { acceptInvitation, type AcceptedInvitation } from './accept-invitation.ts';
export { COMPLETE_PROFILE_TASK, addCompleteProfileTask } from './invitation-rules.ts';
export { previewInvitation, type InvitationPreview } from './preview-invitation.ts';
export { registerMember, type RegisterMemberOptions } from './register-member.ts';
export { resendInvitation, MAX_INVITATION_SENDS } from './resend-invitation.ts';
export { sendInvitationCode } from './send-invitation-code.ts';
export { sendInvitations, type InvitationResult, type SendInvitationsOptions } from './send-invitations.ts';
export { announceExpiredInvitations } from './announce-expired-invitations.ts';
