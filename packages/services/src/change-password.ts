import { hashPassword, verifyPassword } from '@gatehouse/auth';
import { deleteProfileSessions, Profile, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';

/**
 * A new password, proven by the current one. Every other session of the
 * profile ends; this one stays. Clears "must change" after a generated password.
 */
export async function changePassword(options: { em: EntityManager; actor: Actor; currentPassword: string; password: string }): Promise<{ otherSessionsEnded: number }> {
  const { em, actor } = options;
  const profile = await em.findOneOrFail(Profile, { id: actor.profileId }, { populate: ['passwordHash'] });
  if (!profile.passwordHash || !(await verifyPassword(profile.passwordHash, options.currentPassword))) throw new AppError('INVALID_CREDENTIALS');
  const passwordHash = await hashPassword(options.password);
  return em.transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Profile, { id: profile.id });
    locked.passwordHash = passwordHash;
    locked.mustChangePassword = false;
    const ended = await deleteProfileSessions(tx, { profileId: profile.id, exceptId: actor.sessionId });
    recordAudit(tx, actor, { workspaceId: null, action: 'profile.password_changed', targetProfileId: profile.id, details: { otherSessionsEnded: ended } });
    await tx.flush();
    return { otherSessionsEnded: ended };
  });
}
