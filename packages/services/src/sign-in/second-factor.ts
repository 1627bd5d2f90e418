import { hashRecoveryCode, matchTotp } from '@gatehouse/auth';
import { executeStatement, Profile, RecoveryCode, type EntityManager } from '@gatehouse/db';
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
  const updated = await executeStatement(em, 'update profile set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2)', [profile.id, step]);
  if (updated === 1) profile.totpLastStep = step;
  return updated === 1;
}

/** Spends one recovery code; two requests with the same code cannot both succeed. */
export async function acceptRecoveryCode(em: EntityManager, config: ServiceConfig, profileId: string, code: string): Promise<boolean> {
  const updated = await executeStatement(em, 'update recovery_code set used_at = now() where profile_id = $1 and code_hash = $2 and used_at is null', [
    profileId,
    hashRecoveryCode(config.appSecret, code),
  ]);
  return updated === 1;
}

/** A current TOTP code, or one unused recovery code. */
export async function acceptSecondFactor(em: EntityManager, config: ServiceConfig, profile: Profile, key: Uint8Array, code: string): Promise<boolean> {
  return (await acceptTotp(em, profile, key, code)) || (await acceptRecoveryCode(em, config, profile.id, code));
}

export function unusedRecoveryCodes(em: EntityManager, profileId: string): Promise<number> {
  return em.count(RecoveryCode, { profile: profileId, usedAt: null });
}
