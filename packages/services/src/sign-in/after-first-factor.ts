import { Member, Passkey, TwoFactorChallenge, type EntityManager, type Profile, type Workspace } from '@gatehouse/db';
import { AppError, signInRefusal, SSO_WAY_IN_PREFIX, twoFactorRequiredOf, type SessionClient, type WayIn } from '@gatehouse/domain';
import type { RequestOrigin } from '../shared/actor.ts';
import { startSession, type SignedIn } from './sessions.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { isTwoFactorExempt, isTwoFactorOn, TWO_FACTOR_CHALLENGE_TTL_MS } from './two-factor-rules.ts';
import { policyAtDoor } from '../security-policy/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';
import { enforceSsoRequirement } from './sso-enforcement.ts';

/** What the second step may be answered with: a code (TOTP or recovery), a passkey. */
export interface SecondStepWays {
  code: boolean;
  passkey: boolean;
}

export type SignInResult = SignedIn | { status: 'two_factor_required'; challengeId: string; ways: SecondStepWays };

/**
 * What every way in does once the first factor is proven (a password, a
 * social identity, a passkey): a domain that requires single sign-on
 * speaks first, then membership (NO_ACCESS, MEMBER_DISMISSED),
 * then the workspace's security policy (its ways in; past its grace period
 * the session may only set up a second step), then the second factor is
 * asked for when there is one to ask, else the session starts.
 */
export async function afterFirstFactor(options: {
  em: EntityManager;
  config: ServiceConfig;
  profile: Profile;
  workspaceSlug?: string | null;
  client: SessionClient;
  origin: RequestOrigin;
  /** The way in that proved the first factor: `password`, `passkey`, `social:<provider>`. */
  wayIn: WayIn;
  /** An admin's password sign-in where single sign-on is required (the directory is down). */
  breakGlass?: boolean;
}): Promise<SignInResult> {
  const { em, profile, wayIn } = options;
  await enforceSsoRequirement({ em, config: options.config, profile, wayIn, breakGlass: options.breakGlass ?? false, origin: options.origin });
  let workspace: Workspace | null = null;
  let member: Member | null = null;
  let setupOnly = false;
  if (options.workspaceSlug) {
    member = await em.findOne(Member, { workspace: { slug: options.workspaceSlug }, profile: profile.id }, { populate: ['workspace'] });
    const refusal = signInRefusal(member);
    if (refusal) throw new AppError(refusal);
    workspace = member!.workspace.getEntity();
    ({ setupOnly } = await policyAtDoor(em, { policy: securityPolicyOf(workspace), workspaceId: workspace.id, member: { role: member!.role, joinedAt: member!.joinedAt ?? member!.createdAt }, profileId: profile.id, wayIn }));
  }
  const method = methodOfWayIn(wayIn);
  // A passkey (user verification required) is already a second factor.
  const secondStep = method === 'passkey' ? null : await secondStepWays(em, profile, member, workspace);
  if (secondStep) {
    const challenge = em.create(TwoFactorChallenge, {
      profile,
      workspace,
      client: options.client,
      method: wayIn,
      expiresAt: new Date(Date.now() + TWO_FACTOR_CHALLENGE_TTL_MS),
    });
    await em.flush();
    return { status: 'two_factor_required', challengeId: challenge.id, ways: secondStep };
  }
  return startSession({ em, config: options.config, profile, workspace, client: options.client, origin: options.origin, method, wayIn, setupOnly });
}

function methodOfWayIn(wayIn: WayIn): 'password' | 'passkey' | 'social' | 'sso' {
  if (wayIn === 'password' || wayIn === 'passkey') return wayIn;
  return wayIn.startsWith(SSO_WAY_IN_PREFIX) ? 'sso' : 'social';
}

/**
 * What the second step may be answered with, or null when none is asked: it
 * is asked when the authenticator app is on, and at a workspace that requires
 * two-step verification of this member also of a person with passkeys only;
 * never where an admin exempted the member.
 */
async function secondStepWays(em: EntityManager, profile: Profile, member: Member | null, workspace: Workspace | null): Promise<SecondStepWays | null> {
  if (isTwoFactorExempt(member)) return null;
  const code = isTwoFactorOn(profile);
  const requiredHere = !!workspace && !!member && twoFactorRequiredOf(securityPolicyOf(workspace), member.role);
  if (!code && !requiredHere) return null;
  const passkey = (await em.count(Passkey, { profile: profile.id, suspectedCloneAt: null })) > 0;
  return code || passkey ? { code, passkey } : null;
}
