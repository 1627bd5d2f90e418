import { profileHasSecondFactor, SsoConnection, type EntityManager } from '@gatehouse/db';
import { allowedWaysFor, AppError, sessionCapReached, SSO_WAY_IN_PREFIX, twoFactorDeadline, wayInAllowed, type MemberRole, type SecurityPolicy, type SessionClient, type WayIn } from '@gatehouse/domain';

export interface PolicyMember {
  role: MemberRole;
  /** When the member joined (or was added): a newcomer's grace period starts there. */
  joinedAt: Date | null;
}

/**
 * The policy's word at any of the workspace's doors, for a person whose
 * proof is in: a way in it does not allow for their role is refused, naming
 * those it allows; past the grace period without a second step of their
 * own, they may only set one up (`setupOnly`). The workspace's own single
 * sign-on is always a way in to it; another workspace's is not.
 */
export async function policyAtDoor(em: EntityManager, options: { policy: SecurityPolicy; workspaceId: string; member: PolicyMember; profileId: string; wayIn: WayIn; now?: Date }): Promise<{ setupOnly: boolean }> {
  const { policy, member } = options;
  if (!(await isOwnSso(em, options.workspaceId, options.wayIn)) && !wayInAllowed(policy, member.role, options.wayIn)) throw new AppError('SIGN_IN_METHOD_NOT_ALLOWED', { allowedWays: allowedWaysFor(policy, member.role) ?? [] });
  const deadline = twoFactorDeadline(policy, member);
  if (!deadline || (options.now ?? new Date()).getTime() < deadline.getTime()) return { setupOnly: false };
  return { setupOnly: !(await profileHasSecondFactor(em, options.profileId)) };
}

async function isOwnSso(em: EntityManager, workspaceId: string, wayIn: WayIn): Promise<boolean> {
  if (!wayIn.startsWith(SSO_WAY_IN_PREFIX)) return false;
  return (await em.count(SsoConnection, { id: wayIn.slice(SSO_WAY_IN_PREFIX.length), workspace: workspaceId })) > 0;
}

/**
 * The same word for each call a session makes in the workspace (also a
 * session signed in elsewhere): past the workspace's own session cap the
 * person signs in again; past the grace period they set up a second step first.
 */
export async function assertPolicyAllowsSession(
  em: EntityManager,
  options: { policy: SecurityPolicy; workspaceId: string; member: PolicyMember; profileId: string; session: { client: SessionClient; createdAt: Date; wayIn: WayIn } },
): Promise<void> {
  const now = new Date();
  if (sessionCapReached(options.policy, options.session, now)) throw new AppError('UNAUTHENTICATED');
  const { setupOnly } = await policyAtDoor(em, { ...options, wayIn: options.session.wayIn, now });
  if (setupOnly) throw new AppError('TWO_FACTOR_REQUIRED_BY_POLICY');
}
