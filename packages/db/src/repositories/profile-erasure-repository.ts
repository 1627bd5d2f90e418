import type { EntityManager } from '@mikro-orm/postgresql';
import { executeStatement } from '../sql.ts';

/**
 * The last step of deleting a profile, inside the caller's transaction once
 * every membership is dismissed and detached: the OpenID provider's records
 * of the person (sessions, interactions, whatever a grant revocation left),
 * the network-level part of their history (sign-ins and changes not made at
 * a workspace: the workspaces' events are the companies' records and stay),
 * then the profile row — whose cascades take its sessions, identities,
 * passkeys, recovery codes, tokens, known devices and pending challenges,
 * and whose `set null` references keep the rows that only mention it.
 */
export async function eraseProfileRow(em: EntityManager, profileId: string): Promise<void> {
  await executeStatement(em, `delete from oidc_record where account_id = $1`, [profileId]);
  await executeStatement(em, `delete from audit_event where target_profile_id = $1 and workspace_id is null`, [profileId]);
  await executeStatement(em, `update member set invitation_proof_hash = null, invitation_proof_profile_id = null, invitation_proof_expires_at = null, invitation_proof_attempts = 0 where invitation_proof_profile_id = $1`, [profileId]);
  await executeStatement(em, `delete from profile where id = $1`, [profileId]);
}
