import { AuditEventSchema } from './audit-event.ts';
import { MemberSchema } from './member.ts';
import { OutboxMessageSchema } from './outbox-message.ts';
import { ProfileTokenSchema } from './profile-token.ts';
import { TaskSchema } from './task.ts';
import { ProfileSchema } from './profile.ts';
import { SessionSchema } from './session.ts';
import { WorkspaceSchema } from './workspace.ts';

export { AuditEvent } from './audit-event.ts';
export { Member } from './member.ts';
export { OutboxMessage } from './outbox-message.ts';
export { ProfileToken, PROFILE_TOKEN_PURPOSES, type ProfileTokenPurpose } from './profile-token.ts';
export { Task, TASK_KINDS } from './task.ts';
export { Profile } from './profile.ts';
export { Session } from './session.ts';
export { Workspace } from './workspace.ts';

export const ENTITIES = [ProfileSchema, WorkspaceSchema, MemberSchema, SessionSchema, OutboxMessageSchema, TaskSchema, AuditEventSchema, ProfileTokenSchema];
