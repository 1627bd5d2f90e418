import { AuditEventSchema } from './audit-event.ts';
import { IdentitySchema } from './identity.ts';
import { KnownDeviceSchema } from './known-device.ts';
import { RateLimitSchema } from './rate-limit.ts';
import { RecoveryCodeSchema } from './recovery-code.ts';
import { TwoFactorChallengeSchema } from './two-factor-challenge.ts';
import { MemberSchema } from './member.ts';
import { OutboxMessageSchema } from './outbox-message.ts';
import { ProfileTokenSchema } from './profile-token.ts';
import { TaskSchema } from './task.ts';
import { ProfileSchema } from './profile.ts';
import { SessionSchema } from './session.ts';
import { WorkspaceSchema } from './workspace.ts';

export { AuditEvent } from './audit-event.ts';
export { Identity } from './identity.ts';
export { KnownDevice } from './known-device.ts';
export { RateLimit } from './rate-limit.ts';
export { RecoveryCode } from './recovery-code.ts';
export { TwoFactorChallenge } from './two-factor-challenge.ts';
export { Member } from './member.ts';
export { OutboxMessage } from './outbox-message.ts';
export { ProfileToken, PROFILE_TOKEN_PURPOSES, type ProfileTokenPurpose } from './profile-token.ts';
export { Task, TASK_KINDS } from './task.ts';
export { Profile } from './profile.ts';
export { Session } from './session.ts';
export { Workspace } from './workspace.ts';

export const ENTITIES = [ProfileSchema, WorkspaceSchema, MemberSchema, SessionSchema, OutboxMessageSchema, TaskSchema, AuditEventSchema, ProfileTokenSchema, RecoveryCodeSchema, TwoFactorChallengeSchema, IdentitySchema, KnownDeviceSchema, RateLimitSchema];
