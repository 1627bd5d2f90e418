import { assertPasswordAcceptable, hashPassword } from '@gatehouse/auth';
import { Profile, type EntityManager } from '@gatehouse/db';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { cancelPendingLinks } from './cancel-pending-links.ts';
import { assertCurrentPassword, endProfileSessions } from '../sign-in/index.ts';

/**
 * A new password, proven by the current one. Every other session of the
 * profile ends and so does every link already mailed (resets, a pending
 * login-email change); this session stays. Clears "must change" after a generated password.
 */
export async function changePassword(options: { em: EntityManager; actor: Actor; config: ServiceConfig; currentPassword: string; password: string }): Promise<{ otherSessionsEnded: number }> {
  const { em, actor, config } = options;
  const profile = await em.findOneOrFail(Profile, { id: actor.profileId }, { populate: ['passwordHash'] });
  await assertCurrentPassword(config, profile, options.currentPassword);
  assertPasswordAcceptable(options.password, { email: profile.email, name: profile.name });
  const passwordHash = await hashPassword(options.password);
  return em.transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Profile, { id: profile.id });
    const now = new Date();
    locked.passwordHash = passwordHash;
    locked.passwordChangedAt = now;
    locked.mustChangePassword = false;
    await cancelPendingLinks(tx, profile.id);
    const ended = await endProfileSessions(tx, profile.id, { except: actor.sessionId });
    enqueueMail(tx, { to: locked.email, kind: 'password_changed', locale: locked.locale, params: { when: now, resetLink: portalLink(config, '/forgot-password') } });
    recordAudit(tx, actor, { workspaceId: null, action: 'profile.password_changed', targetProfileId: profile.id, details: { otherSessionsEnded: ended } });
    await tx.flush();
    return { otherSessionsEnded: ended };
  });
}
