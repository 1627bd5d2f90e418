import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement, queryRows } from '../sql.ts';
import type { PasskeyCeremonyPurpose } from '../entities/passkey-challenge.ts';

/** Keeps a ceremony's challenge in one statement (a passkey sign-in's first request does nothing else), and names it. */
export async function insertPasskeyChallenge(em: EntityManager, options: { challenge: string; purpose: PasskeyCeremonyPurpose; profileId: string | null; expiresAt: Date }): Promise<string> {
  const id = randomUUID();
  await executeStatement(em, `insert into passkey_challenge (id, challenge, purpose, profile_id, expires_at) values ($1, $2, $3, $4, $5)`, [
    id,
    options.challenge,
    options.purpose,
    options.profileId,
    options.expiresAt,
  ]);
  return id;
}

/** What a verified assertion changes on its passkey, in one statement. */
export async function recordPasskeyUse(em: EntityManager, options: { passkeyId: string; counter: number; backedUp: boolean; usedAt: Date }): Promise<void> {
  await executeStatement(em, `update passkey set counter = $2, backed_up = $3, last_used_at = $4 where id = $1`, [options.passkeyId, options.counter, options.backedUp, options.usedAt]);
}

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
