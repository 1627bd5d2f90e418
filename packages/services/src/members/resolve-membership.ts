import { findMembershipRows, Member, workspaceIdOfSlug, Workspace, type EntityManager, type MembershipRows } from '@gatehouse/db';
import { AppError, isActiveAdmin, signInRefusal, type MemberRole, type MemberStatus } from '@gatehouse/domain';
import type { Actor, Caller, KeyActor } from '../shared/actor.ts';
import { recordAuditNow } from '../audit/index.ts';
import { assertPolicyAllowsSession } from '../security-policy/index.ts';
import { securityPolicyOfRow } from '../security-policy/index.ts';

/** What access checks and reads need of the caller's standing in a workspace, without entities. */
export interface WorkspaceAccess {
  workspaceId: string;
  workspaceCreatorId: string;
  /** The caller's own member row; null for an API key, which is nobody's membership. */
  memberId: string | null;
  role: MemberRole;
  status: MemberStatus;
}

/** A member's access: always their own row. */
export interface MembershipAccess extends WorkspaceAccess {
  memberId: string;
}

/** Where a caller acts, and as what: a member, or an API key of the workspace (no member). */
export interface WorkspaceScope {
  access: WorkspaceAccess;
  readonly workspace: Workspace;
  readonly member: Member | null;
}

export interface Membership extends WorkspaceScope {
  access: MembershipAccess;
  /** The workspace and member as managed entities, made on first use (most reads never need them). */
  readonly workspace: Workspace;
  readonly member: Member;
}

/**
 * A membership over the rows just read. Its entities are made lazily; one
 * this entity manager already holds (loaded meanwhile) is used as it is, so a
 * late mapping never overwrites fresher state with the rows read at the start.
 */
function lazyMembership(em: EntityManager, rows: MembershipRows): Membership {
  let workspace: Workspace | undefined;
  let member: Member | undefined;
  const unitOfWork = em.getUnitOfWork();
  const workspaceEntity = () => (workspace ??= unitOfWork.getById(Workspace, rows.workspace.id) ?? em.map(Workspace, rows.workspace));
  return {
    access: {
      workspaceId: rows.workspace.id,
      workspaceCreatorId: rows.workspace.creator_id,
      memberId: rows.member.id,
      role: rows.member.role,
      status: rows.member.status,
    },
    get workspace() {
      return workspaceEntity();
    },
    get member() {
      workspaceEntity(); // first, so the member's reference resolves to this managed workspace
      return (member ??= unitOfWork.getById(Member, rows.member.id) ?? em.map(Member, rows.member));
    },
  };
}

function joinedAtOfRow(member: Record<string, unknown>): Date | null {
  const joined = member['joined_at'] ?? member['created_at'];
  return typeof joined === 'string' ? new Date(joined) : null;
}

/**
 * The caller's active membership in the workspace at `slug`. A workspace the
 * caller does not belong to answers NOT_FOUND, exactly like one that does not
 * exist, so nobody learns other tenants' addresses — and the workspace's
 * audit trail records the attempt. A session older than the member's
 * `sessionsValidFrom` (dismissed and rehired since, or ended by an admin)
 * cannot act here: the person signs in again. The workspace's security
 * policy speaks too: its ways in, its session cap, its required second step.
 */
export async function resolveMembership(options: { em: EntityManager; actor: Actor; slug: string }): Promise<Membership> {
  const { em, actor, slug } = options;
  const rows = await findMembershipRows(em, { slug, profileId: actor.profileId });
  // The same rule as at sign-in; a stranger hears NOT_FOUND here, so no tenant's address is confirmed.
  const refusal = signInRefusal(rows?.member ?? null);
  if (!rows || refusal === 'NO_ACCESS') {
    await recordRefusedAccess(em, actor, { slug, workspaceId: rows?.workspace.id ?? null, reason: 'not_a_member' });
    throw new AppError('NOT_FOUND');
  }
  if (refusal) throw new AppError(refusal);
  const validFrom = rows.member['sessions_valid_from'];
  if (typeof validFrom === 'string' && actor.sessionStartedAt.getTime() < new Date(validFrom).getTime()) throw new AppError('UNAUTHENTICATED');
  await assertPolicyAllowsSession(em, {
    policy: securityPolicyOfRow(rows.workspace),
    workspaceId: rows.workspace.id,
    member: { role: rows.member.role, joinedAt: joinedAtOfRow(rows.member) },
    profileId: actor.profileId,
    session: { client: actor.sessionClient, createdAt: actor.sessionStartedAt, wayIn: actor.sessionWayIn },
  });
  return lazyMembership(em, rows);
}

/**
 * An API key's standing in its own workspace: it reads as an admin does (the
 * procedure's door has already held a reader key to reading). Any other
 * workspace answers NOT_FOUND, exactly as to a stranger.
 */
export async function resolveKeyScope(options: { em: EntityManager; caller: KeyActor; slug: string }): Promise<WorkspaceScope> {
  const { em, caller, slug } = options;
  if (slug !== caller.apiKey.workspaceSlug) throw new AppError('NOT_FOUND');
  const workspace = await em.findOne(Workspace, { id: caller.apiKey.workspaceId });
  if (!workspace) throw new AppError('NOT_FOUND');
  return { access: { workspaceId: workspace.id, workspaceCreatorId: workspace.creator.id, memberId: null, role: 'admin', status: 'active' }, workspace, member: null };
}

/** The caller's standing at `slug`: a person's membership, or a key's scope. */
export function resolveCallerScope(options: { em: EntityManager; caller: Caller; slug: string }): Promise<WorkspaceScope> {
  const { caller } = options;
  return caller.apiKey ? resolveKeyScope({ ...options, caller }) : resolveMembership({ ...options, actor: caller });
}

/**
 * A call refused at a workspace's door — by someone from outside, or a
 * member without the role — goes into that workspace's audit trail. A slug
 * that names no workspace has no trail to write to.
 */
export async function recordRefusedAccess(em: EntityManager, actor: Actor, options: { slug: string; workspaceId: string | null; reason: 'not_a_member' | 'not_an_admin'; procedure?: string }): Promise<void> {
  const workspaceId = options.workspaceId ?? (await workspaceIdOfSlug(em, options.slug));
  if (!workspaceId) return;
  await recordAuditNow(em, actor, { workspaceId, action: 'access.refused', targetProfileId: actor.profileId, details: { reason: options.reason, ...(options.procedure ? { procedure: options.procedure } : {}) } });
}

export async function resolveAdminMembership(options: { em: EntityManager; actor: Actor; slug: string; procedure?: string }): Promise<Membership> {
  const membership = await resolveMembership(options);
  if (!isActiveAdmin(membership.access)) {
    await recordRefusedAccess(options.em, options.actor, { slug: options.slug, workspaceId: membership.access.workspaceId, reason: 'not_an_admin', ...(options.procedure ? { procedure: options.procedure } : {}) });
    throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
  }
  return membership;
}
