export const MEMBER_ROLES = ['admin', 'employee', 'extranet'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['active', 'invited', 'awaiting_approval', 'dismissed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** How a member came in: the creator, an email invitation, direct registration, or the quick-join link. */
export const MEMBER_SOURCES = ['creator', 'invitation', 'registration', 'join_link'] as const;
export type MemberSource = (typeof MEMBER_SOURCES)[number];

/** The part of a member every policy looks at. */
export interface MemberFacts {
  role: MemberRole;
  status: MemberStatus;
}

/** Seats count active members, pending invitations and joins awaiting approval; dismissed members free theirs. */
export function occupiesSeat(status: MemberStatus): boolean {
  return status !== 'dismissed';
}

export function isActiveAdmin(member: MemberFacts | null | undefined): boolean {
  return member?.status === 'active' && member.role === 'admin';
}

/** Who may open the member directory: active members other than extranet guests. */
export function canViewDirectory(member: MemberFacts | null | undefined): boolean {
  return member?.status === 'active' && member.role !== 'extranet';
}

/** Admins always; every active employee (never extranet) when the workspace allows it. */
export function canInvite(member: MemberFacts | null | undefined, settings: { anyoneCanInvite: boolean }): boolean {
  if (member?.status !== 'active') return false;
  if (member.role === 'admin') return true;
  return settings.anyoneCanInvite && member.role === 'employee';
}

/** Whether turning `target` into something other than an active admin leaves nobody to run the workspace. */
export function isLastAdmin(target: MemberFacts, activeAdminCount: number): boolean {
  return isActiveAdmin(target) && activeAdminCount <= 1;
}

/** Only a never-accepted invitation can be deleted; everyone else is dismissed so no data is lost. */
export function isDeletable(status: MemberStatus): boolean {
  return status === 'invited' || status === 'awaiting_approval';
}

/** Who may sign in at a workspace, and what they are told when they may not. */
export function signInRefusal(member: MemberFacts | null | undefined): 'NO_ACCESS' | 'MEMBER_DISMISSED' | null {
  if (!member || member.status === 'invited' || member.status === 'awaiting_approval') return 'NO_ACCESS';
  if (member.status === 'dismissed') return 'MEMBER_DISMISSED';
  return null;
}
