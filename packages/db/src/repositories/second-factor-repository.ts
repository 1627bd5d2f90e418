import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement } from '../sql.ts';

/*
 * The single-use rules of sign-in secrets, each one conditional update: two
 * racing requests with the same secret cannot both succeed.
 */

/** Records an accepted TOTP time step; false when this step or a later one was already used (a replay, RFC 6238 §5.2). */
export async function advanceTotpStep(em: EntityManager, profileId: string, step: number): Promise<boolean> {
  return (await executeStatement(em, 'update profile set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2)', [profileId, step])) === 1;
}

/** Spends one recovery code by its hash; false when it is unknown or already used. */
export async function spendRecoveryCode(em: EntityManager, profileId: string, codeHash: string): Promise<boolean> {
  return (await executeStatement(em, 'update recovery_code set used_at = now() where profile_id = $1 and code_hash = $2 and used_at is null', [profileId, codeHash])) === 1;
}

/** Counts one code tried against a second-factor challenge; false once `max` tries are spent. */
export async function countChallengeAttempt(em: EntityManager, challengeId: string, max: number): Promise<boolean> {
  return (await executeStatement(em, 'update two_factor_challenge set attempts = attempts + 1 where id = $1 and attempts < $2', [challengeId, max])) === 1;
}

/** Spends a generated password's one sign-in; false when it was already used. */
export async function spendTemporaryPassword(em: EntityManager, profileId: string): Promise<boolean> {
  return (await executeStatement(em, 'update profile set temporary_password_used_at = now() where id = $1 and temporary_password_used_at is null', [profileId])) === 1;
}
