import { MemberSchema } from './member.ts';
import { ProfileSchema } from './profile.ts';
import { SessionSchema } from './session.ts';
import { WorkspaceSchema } from './workspace.ts';

export { Member } from './member.ts';
export { Profile } from './profile.ts';
export { Session } from './session.ts';
export { Workspace } from './workspace.ts';

export const ENTITIES = [ProfileSchema, WorkspaceSchema, MemberSchema, SessionSchema];
