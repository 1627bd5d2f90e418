import { Identity, Passkey, type EntityManager, type Profile } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';

/**
 * The seeds' rule that the last way in cannot be removed, for every way
 * there is: the password, each linked social account, each passkey (one
 * refused as cloned no longer counts). `profile` is locked by the caller and
 * read with its password hash.
 */
export async function assertAnotherWayIn(em: EntityManager, profile: Profile, removing: { identityId?: string; passkeyId?: string }): Promise<void> {
  if (profile.passwordHash) return;
  const identities = await em.count(Identity, { profile: profile.id, ...(removing.identityId ? { id: { $ne: removing.identityId } } : {}) });
  if (identities > 0) return;
  const passkeys = await em.count(Passkey, { profile: profile.id, suspectedCloneAt: null, ...(removing.passkeyId ? { id: { $ne: removing.passkeyId } } : {}) });
  if (passkeys === 0) throw new AppError('LAST_SIGN_IN_METHOD');
}
