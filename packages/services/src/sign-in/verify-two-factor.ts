import { countChallengeAttempt, Member, TwoFactorChallenge, type EntityManager } from '@gatehouse/db';
import { AppError, signInRefusal, SOCIAL_WAY_IN_PREFIX, SSO_WAY_IN_PREFIX, type WayIn } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { startSession, type SignedIn } from './sessions.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { acceptRecoveryCode, acceptTotp, loadTotpKey, unusedRecoveryCodes } from './second-factor.ts';
import { acceptPasskeyProof, type PasskeyProof } from '../passkeys/index.ts';
import { FEW_RECOVERY_CODES, TWO_FACTOR_CHALLENGE_ATTEMPTS } from './two-factor-rules.ts';

export interface VerifyTwoFactorOptions {
  em: EntityManager;
  config: ServiceConfig;
  challengeId: string;
  code?: string;
  recoveryCode?: string;
  /** A passkey of the person's, in place of a code. */
  passkey?: PasskeyProof;
  origin: RequestOrigin;
}

/** The second step of a sign-in: a current TOTP code, one unused recovery code, or one of the person's passkeys. */
export async function verifyTwoFactor(options: VerifyTwoFactorOptions): Promise<SignedIn & { recoveryCodesLeft: number; fewRecoveryCodesLeft: boolean }> {
  const { em, config, origin } = options;
  const challenge = await em.findOne(TwoFactorChallenge, { id: options.challengeId }, { populate: ['profile', 'workspace'] });
  if (!challenge || challenge.expiresAt.getTime() <= Date.now()) throw new AppError('UNAUTHENTICATED');
  const profileId = challenge.profile.id;
  await config.limits.consume('twoFactor', profileId);
  if (!(await countChallengeAttempt(em, challenge.id, TWO_FACTOR_CHALLENGE_ATTEMPTS))) {
    await em.nativeDelete(TwoFactorChallenge, { id: challenge.id });
    throw new AppError('UNAUTHENTICATED');
  }

  const { profile, key } = await loadTotpKey(em, config, profileId);
  const proven = options.passkey
    ? await acceptPasskeyProof(em, config, { profileId, proof: options.passkey, origin })
    : options.recoveryCode
      ? await acceptRecoveryCode(em, config, profileId, options.recoveryCode)
      : !!key && !!options.code && (await acceptTotp(em, profile, key, options.code));
  if (!proven) {
    recordAudit(em, { profileId: null, origin }, { workspaceId: challenge.workspace?.id ?? null, action: 'two_factor.failed', targetProfileId: profileId });
    // The password was right: the owner hears of it once per sign-in attempt, not once per wrong code.
    if (challenge.attempts === 0) {
      enqueueMail(em, { to: profile.email, kind: 'second_factor_failed', locale: profile.locale, params: { when: new Date(), address: origin.ipAddress ?? 'unknown', resetLink: portalLink(config, '/forgot-password') } });
    }
    await em.flush();
    throw new AppError('TWO_FACTOR_INVALID');
  }
  await config.limits.reset('twoFactor', profileId);
  // The challenge is spent: deleting it is conditional, so two racing correct codes sign in once.
  if ((await em.nativeDelete(TwoFactorChallenge, { id: challenge.id })) !== 1) throw new AppError('UNAUTHENTICATED');

  // Membership may have changed while the code was being typed.
  const workspace = challenge.workspace?.getEntity() ?? null;
  if (workspace) {
    const refusal = signInRefusal(await em.findOne(Member, { workspace: workspace.id, profile: profileId }));
    if (refusal) throw new AppError(refusal);
  }
  const signedIn = await startSession({ em, config, profile, workspace, client: challenge.client, origin, method: options.passkey ? 'passkey' : options.recoveryCode ? 'recovery_code' : 'two_factor',
    firstFactor: challenge.method.startsWith(SOCIAL_WAY_IN_PREFIX) ? 'social' : challenge.method.startsWith(SSO_WAY_IN_PREFIX) ? 'sso' : 'password',
    wayIn: challenge.method as WayIn,
  });
  const left = await unusedRecoveryCodes(em, profileId);
  if (options.recoveryCode) {
    enqueueMail(em, { to: profile.email, kind: 'recovery_code_used', locale: profile.locale, params: { left, link: portalLink(config, '/security') } });
    await em.flush();
  }
  return { ...signedIn, recoveryCodesLeft: left, fewRecoveryCodesLeft: left < FEW_RECOVERY_CODES };
}
