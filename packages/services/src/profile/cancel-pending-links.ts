import { ProfileToken, type EntityManager } from '@gatehouse/db';

/**
 * Ends every mailed link of the profile not yet used — password resets, login
 * email changes, address confirmations. A password reset, a password change
 * and a login-email change each call it, so a link mailed before one of them
 * (an attacker's email change, a reset sent to the old address) is worth
 * nothing after it.
 */
export async function cancelPendingLinks(em: EntityManager, profileId: string, options: { exceptId?: string } = {}): Promise<number> {
  return em.nativeDelete(ProfileToken, { profile: profileId, usedAt: null, ...(options.exceptId ? { id: { $ne: options.exceptId } } : {}) });
}
