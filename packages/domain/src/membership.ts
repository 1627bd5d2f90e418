export const MEMBER_ROLES = ['admin', 'employee', 'extranet'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['active', 'invited', 'awaiting_approval', 'dismissed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** How a member came in: the creator, an email invitation, direct registration, the quick-join link, a verified domain, or the company directory (SCIM). */
export const MEMBER_SOURCES = ['creator', 'invitation', 'registration', 'join_link', 'domain', 'scim', 'sso'] as const;
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

/**
 * The member status machine: what an admin may do to a member in each status,
 * and the code a refusal carries. The services check it before every change
 * and the member's answer lists what it allows, so the console offers exactly
 * these actions and no screen encodes the rule again.
 */
export const MEMBER_ACTIONS = ['resend', 'approve', 'reject', 'delete', 'dismiss', 'rehire', 'endSessions', 'unlockSignIn'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

/** What the machine looks at: the status, how the member came in, and whether a profile signs in as them. */
export interface MemberState {
  status: MemberStatus;
  source: MemberSource;
  hasProfile: boolean;
}

const MEMBER_TRANSITIONS: Record<MemberAction, { from: readonly MemberStatus[]; refusal: 'MEMBER_NOT_DELETABLE' | 'MEMBER_NOT_DISMISSABLE' | 'INVITATION_NOT_PENDING' | 'NOT_FOUND'; when?: (member: MemberState) => boolean }> = {
  /** A mailed invitation nobody accepted yet. */
  resend: { from: ['invited'], refusal: 'INVITATION_NOT_PENDING', when: (member) => member.source === 'invitation' },
  /** A join through the link that waits for an admin. */
  approve: { from: ['awaiting_approval'], refusal: 'NOT_FOUND' },
  reject: { from: ['awaiting_approval'], refusal: 'NOT_FOUND' },
  /** The seeds: only a never-accepted invitation is deleted; everyone else is dismissed so no data is lost. */
  delete: { from: ['invited'], refusal: 'MEMBER_NOT_DELETABLE' },
  /** Dismissal instead of deletion, for someone who has access. */
  dismiss: { from: ['active'], refusal: 'MEMBER_NOT_DISMISSABLE' },
  /** Someone who deleted their profile has nobody left to bring back: their record stays as it is. */
  rehire: { from: ['dismissed'], refusal: 'NOT_FOUND', when: (member) => member.hasProfile },
  endSessions: { from: ['active'], refusal: 'NOT_FOUND', when: (member) => member.hasProfile },
  unlockSignIn: { from: ['active'], refusal: 'NOT_FOUND', when: (member) => member.hasProfile },
};

/** Why `action` may not be applied to this member now, or null when it may. */
export function memberActionRefusal(member: MemberState, action: MemberAction): 'MEMBER_NOT_DELETABLE' | 'MEMBER_NOT_DISMISSABLE' | 'INVITATION_NOT_PENDING' | 'NOT_FOUND' | null {
  const transition = MEMBER_TRANSITIONS[action];
  const allowed = transition.from.includes(member.status) && (transition.when?.(member) ?? true);
  return allowed ? null : transition.refusal;
}

/** Every action the machine allows on this member now, in the order a screen offers them. */
export function memberActions(member: MemberState): MemberAction[] {
  return MEMBER_ACTIONS.filter((action) => memberActionRefusal(member, action) === null);
}

/** Only a never-accepted invitation can be deleted (the status machine's `delete`). */
export function isDeletable(status: MemberStatus): boolean {
  return MEMBER_TRANSITIONS.delete.from.includes(status);
}

/** Who may sign in at a workspace, and what they are told when they may not: the one rule every way in and every request asks. */
export function signInRefusal(member: MemberFacts | null | undefined): 'NO_ACCESS' | 'MEMBER_DISMISSED' | null {
  if (!member || member.status === 'invited' || member.status === 'awaiting_approval') return 'NO_ACCESS';
  if (member.status === 'dismissed') return 'MEMBER_DISMISSED';
  return null;
}
