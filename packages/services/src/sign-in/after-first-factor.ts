import { Member, TwoFactorChallenge, type EntityManager, type Profile, type Workspace } from '@gatehouse/db';
import { AppError, signInRefusal, type SessionClient } from '@gatehouse/domain';
import type { RequestOrigin } from '../shared/actor.ts';
import { startSession, type SignedIn } from './sessions.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { asksSecondFactor, TWO_FACTOR_CHALLENGE_TTL_MS } from './two-factor-rules.ts';

export type SignInResult = SignedIn | { status: 'two_factor_required'; challengeId: string };

/**
 * What every way in does once the first factor is proven (a password, a
 * social identity, a passkey): membership speaks (NO_ACCESS, MEMBER_DISMISSED), then the
 * second factor is asked for when it is on, else the session starts.
 */
export async function afterFirstFactor(options: {
  em: EntityManager;
  config: ServiceConfig;
  profile: Profile;
  workspaceSlug?: string | null;
  client: SessionClient;
  origin: RequestOrigin;
  method: 'password' | 'social' | 'passkey';
}): Promise<SignInResult> {
  const { em, profile } = options;
  let workspace: Workspace | null = null;
  let member: Member | null = null;
  if (options.workspaceSlug) {
    member = await em.findOne(Member, { workspace: { slug: options.workspaceSlug }, profile: profile.id }, { populate: ['workspace'] });
    const refusal = signInRefusal(member);
    if (refusal) throw new AppError(refusal);
    workspace = member!.workspace.getEntity();
  }
  // A passkey (user verification required) is already a second factor.
  if (options.method !== 'passkey' && asksSecondFactor(profile, member)) {
    const challenge = em.create(TwoFactorChallenge, {
      profile,
      workspace,
      client: options.client,
      method: options.method,
      expiresAt: new Date(Date.now() + TWO_FACTOR_CHALLENGE_TTL_MS),
    });
    await em.flush();
    return { status: 'two_factor_required', challengeId: challenge.id };
  }
  return startSession({ em, config: options.config, profile, workspace, client: options.client, origin: options.origin, method: options.method });
}
