import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../sql.ts';
import type { PasskeyCeremonyPurpose } from '../entities/passkey-challenge.ts';

/**
 * Takes a ceremony's challenge, once: the row goes in the same statement
 * that reads it, so two answers to one challenge cannot both use it, even
 * on two api processes. An expired challenge reads as absent.
 */
export async function takePasskeyChallenge(em: EntityManager, options: { id: string; purpose: PasskeyCeremonyPurpose }): Promise<{ challenge: string; profileId: string | null } | null> {
  const [row] = await queryRows<{ challenge: string; profileId: string | null }>(
    em,
    `delete from passkey_challenge where id = $1 and purpose = $2 and expires_at > now() returning challenge, profile_id as "profileId"`,
    [options.id, options.purpose],
  );
  return row ?? null;
}
