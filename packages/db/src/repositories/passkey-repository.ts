import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../sql.ts';

/**
 * A verified answer's one write: its ceremony is spent and its passkey
 * records the use (counter, backup state, when), together in one statement.
 * False when the ceremony was spent already — a replay, or the same answer
 * sent twice at once — and then nothing changes.
 */
export async function spendCeremonyOnPasskey(
  em: EntityManager,
  options: { ceremony: { id: string; expiresAt: Date }; passkeyId: string; counter: number; backedUp: boolean; usedAt: Date },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    em,
    `with spent as (insert into passkey_ceremony_spent (id, expires_at) values ($1, $2) on conflict do nothing returning id)
     update passkey set counter = $4, backed_up = $5, last_used_at = $6 where id = $3 and exists (select 1 from spent) returning id`,
    [options.ceremony.id, options.ceremony.expiresAt, options.passkeyId, options.counter, options.backedUp, options.usedAt],
  );
  return rows.length === 1;
}

/** A registration's ceremony spent (its passkey is new: nothing to update); false when it was spent already. */
export async function spendCeremony(em: EntityManager, ceremony: { id: string; expiresAt: Date }): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(em, `insert into passkey_ceremony_spent (id, expires_at) values ($1, $2) on conflict do nothing returning id`, [ceremony.id, ceremony.expiresAt]);
  return rows.length === 1;
}
