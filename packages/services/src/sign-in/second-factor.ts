import { hashRecoveryCode, matchTotp } from '@gatehouse/auth';
import { advanceTotpStep, Profile, RecoveryCode, spendRecoveryCode, type EntityManager } from '@gatehouse/db';
import type { ServiceConfig } from '../shared/config.ts';

/** The profile with its password hash and TOTP key (decrypted), for checking a second factor. */
export async function loadTotpKey(em: EntityManager, config: ServiceConfig, profileId: string): Promise<{ profile: Profile; key: Uint8Array | null }> {
  const profile = await em.findOneOrFail(Profile, { id: profileId }, { populate: ['totpSecretEncrypted', 'passwordHash'] });
  return { profile, key: profile.totpSecretEncrypted ? config.totpBox.open(profile.totpSecretEncrypted) : null };
}

/** Accepts a TOTP code once: the step is recorded with a conditional update, so a replay (or a racing twin) fails (RFC 6238 §5.2). */
export async function acceptTotp(em: EntityManager, profile: Profile, key: Uint8Array, code: string): Promise<boolean> {
  const step = matchTotp(key, code, { now: new Date(), lastAcceptedStep: profile.totpLastStep ?? null });
  if (step === null) return false;
  const accepted = await advanceTotpStep(em, profile.id, step);
  if (accepted) profile.totpLastStep = step;
  return accepted;
}

/** Spends one recovery code; two requests with the same code cannot both succeed. */
export async function acceptRecoveryCode(em: EntityManager, config: ServiceConfig, profileId: string, code: string): Promise<boolean> {
  return spendRecoveryCode(em, profileId, hashRecoveryCode(config.appSecret, code));
}

/** A current TOTP code, or one unused recovery code. */
export async function acceptSecondFactor(em: EntityManager, config: ServiceConfig, profile: Profile, key: Uint8Array, code: string): Promise<boolean> {
  return (await acceptTotp(em, profile, key, code)) || (await acceptRecoveryCode(em, config, profile.id, code));
}

export function unusedRecoveryCodes(em: EntityManager, profileId: string): Promise<number> {
  return em.count(RecoveryCode, { profile: profileId, usedAt: null });
}
