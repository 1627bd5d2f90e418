import { insertPasskeyChallenge, takePasskeyChallenge, type EntityManager, type PasskeyCeremonyPurpose } from '@gatehouse/db';
import { AppError, PASSKEY_CHALLENGE_TTL_MS } from '@gatehouse/domain';

/** Keeps a ceremony's challenge for whichever api process the answer reaches. */
export async function startCeremony(em: EntityManager, options: { challenge: string; purpose: PasskeyCeremonyPurpose; profileId: string | null }): Promise<string> {
  return insertPasskeyChallenge(em, { ...options, expiresAt: new Date(Date.now() + PASSKEY_CHALLENGE_TTL_MS) });
}

/**
 * The challenge an answer claims to answer, taken so it is good once. A
 * ceremony of another purpose or another person, an expired or spent one,
 * is PASSKEY_INVALID: nothing of it is used.
 */
export async function takeCeremony(em: EntityManager, options: { id: string; purpose: PasskeyCeremonyPurpose; profileId: string | null }): Promise<string> {
  const taken = await takePasskeyChallenge(em, options);
  if (!taken || taken.profileId !== options.profileId) throw new AppError('PASSKEY_INVALID');
  return taken.challenge;
}
