import type { Member, Profile, Workspace } from '@gatehouse/db';
import type { Locale, MemberAction, MemberRole, MemberStatus, PlanId, SessionClient } from '@gatehouse/domain';
import { auditRetentionDaysOf, DEFAULT_SESSION_IDLE_MINUTES, seatsOf } from '@gatehouse/domain';

/** Plain data the use cases return: ISO date strings, no entities. */
export interface ProfileView {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  locale: Locale;
  mustChangePassword: boolean;
  isStaff: boolean;
  createdAt: string;
}

export interface WorkspaceView {
  id: string;
  slug: string;
  name: string;
  plan: PlanId;
  seats: { used: number; total: number };
  settings: {
    anyoneCanInvite: boolean;
    sessionIdleMinutes: number;
    /** The admins' choice of days the audit trail is kept (null: the plan's default), and what is kept in effect (null: forever). */
    auditRetentionDays: number | null;
    auditKeptDays: number | null;
  };
  createdAt: string;
}

export interface MembershipView {
  workspace: {
    id: string;
    slug: string;
    name: string;
    plan: PlanId;
    /** Whether members other than admins may invite here. */
    anyoneCanInvite: boolean;
    /** Minutes without activity after which a browser session signed in here ends. */
    sessionIdleMinutes: number;
  };
  memberId: string;
  role: MemberRole;
  status: MemberStatus;
  isCreator: boolean;
  /** The creator offered this person the creator role; it is theirs once they accept it in the console. */
  creatorOfferedToMe: boolean;
  /** The workspace's addresses for this person: where it writes to them, and their company mailbox. */
  contactEmail: string | null;
  mailboxEmail: string | null;
  position: string | null;
}

export interface MemberView {
  id: string;
  name: string;
  role: MemberRole;
  status: MemberStatus;
  position: string | null;
  contactEmail: string | null;
  isCreator: boolean;
  joinedAt: string | null;
  /** A pending invitation's end: after it the link no longer works and the admin resends it. */
  invitationExpiresAt: string | null;
  createdAt: string;
}

export interface MemberDetailView extends MemberView {
  mailboxEmail: string | null;
  /** Admins only: how this person signs in (the seeds' "upper line" of the profile). */
  signIn?: { kind: 'email'; email: string } | { kind: 'social'; provider: string } | null;
  /** Admins only: what the member status machine allows on this member now. */
  actions?: MemberAction[];
  /** Admins only: whether this admin may change the member's role (not the creator's, unless they are the creator). */
  canChangeRole?: boolean;
  /** Admins only: the login email is not the contact email the workspace writes to (e.g. an invitation accepted with another profile). */
  loginDiffersFromContact?: boolean;
  /** Admins only: whether two-step verification is on, and whether this workspace exempts the member from it (until when; null: until set up again). */
  twoFactor?: { enabled: boolean; exempt: boolean; exemptUntil: string | null } | null;
  /** Admins only: the person deleted their Gatehouse profile; this record is what the workspace keeps of them. */
  profileDeleted?: boolean;
}

export interface SessionView {
  id: string;
  client: SessionClient;
  current: boolean;
  userAgent: string | null;
  ipAddress: string | null;
  workspaceSlug: string | null;
  /** A browser session's idle limit (its workspace's, or the default); null for the self-renewing desktop app. */
  idleMinutes: number | null;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
}

export function profileView(profile: Profile): ProfileView {
  return {
    id: profile.id,
    email: profile.email,
    emailVerified: profile.emailVerifiedAt != null,
    name: profile.name,
    locale: profile.locale,
    mustChangePassword: profile.mustChangePassword,
    isStaff: profile.isStaff,
    createdAt: profile.createdAt.toISOString(),
  };
}

export function workspaceView(workspace: Workspace, seatsUsed: number): WorkspaceView {
  return {
    id: workspace.id,
    slug: workspace.slug,
    name: workspace.name,
    plan: workspace.plan,
    seats: { used: seatsUsed, total: seatsOf(workspace.plan) },
    settings: {
      anyoneCanInvite: workspace.anyoneCanInvite,
      sessionIdleMinutes: workspace.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES,
      auditRetentionDays: workspace.auditRetentionDays ?? null,
      auditKeptDays: auditRetentionDaysOf(workspace.plan, workspace.auditRetentionDays),
    },
    createdAt: workspace.createdAt.toISOString(),
  };
}

/** What a directory row needs: an entity, or a row read with plain SQL on a hot path. */
export type MemberFields = Pick<Member, 'id' | 'name' | 'role' | 'status' | 'position' | 'contactEmail' | 'joinedAt' | 'createdAt'> & {
  profile?: { id: string } | null;
  invitationExpiresAt?: Date | null | undefined;
};

export function memberView(member: MemberFields, creatorId: string): MemberView {
  return {
    id: member.id,
    name: member.name,
    role: member.role,
    status: member.status,
    position: member.position ?? null,
    contactEmail: member.contactEmail ?? null,
    isCreator: member.profile?.id === creatorId,
    joinedAt: member.joinedAt?.toISOString() ?? null,
    invitationExpiresAt: member.status === 'invited' ? (member.invitationExpiresAt?.toISOString() ?? null) : null,
    createdAt: member.createdAt.toISOString(),
  };
}
