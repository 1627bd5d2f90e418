import { assertPasswordAcceptable, hashOneTimeToken, hashPassword } from '@gatehouse/auth';
import { LockMode } from '@mikro-orm/core';
import { Profile, ProfileToken, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { cancelPendingLinks } from './cancel-pending-links.ts';
import { endProfileSessions } from '../sign-in/index.ts';

/**
 * Sets the new password from the mailed link: once, before it expires, and
 * only if the password did not change another way since the link was sent.
 * Every session ends and every other mailed link dies (a pending login-email
 * change among them); the account's failed sign-ins are forgotten, so an
 * attacker's guesses cannot keep the owner locked out. Two-step verification
 * stays as it was.
 */
export async function resetPassword(options: { em: EntityManager; config: ServiceConfig; token: string; password: string; origin: RequestOrigin }): Promise<{ email: string }> {
  const { config, origin } = options;
  await config.limits.consume('tokenAddress', addressKey(origin));
  const hash = hashOneTimeToken(options.token);
  if (!hash) throw new AppError('TOKEN_INVALID');
  const found = await options.em.findOne(ProfileToken, { tokenHash: hash, purpose: 'reset_password' }, { populate: ['profile'] });
  if (!found) throw new AppError('TOKEN_INVALID');
  assertPasswordAcceptable(options.password, { email: found.profile.getEntity().email, name: found.profile.getEntity().name });
  const passwordHash = await hashPassword(options.password);

  const result = await options.em.transactional(async (em) => {
    const token = await em.findOne(ProfileToken, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!token || token.usedAt) throw new AppError('TOKEN_INVALID');
    if (token.expiresAt.getTime() <= Date.now()) throw new AppError('TOKEN_EXPIRED');
    const profile = await em.findOneOrFail(Profile, { id: token.profile.id });
    if (profile.passwordChangedAt && profile.passwordChangedAt.getTime() > token.createdAt.getTime()) throw new AppError('TOKEN_INVALID');

    const now = new Date();
    token.usedAt = now;
    profile.passwordHash = passwordHash;
    profile.passwordChangedAt = now;
    profile.mustChangePassword = false;
    // Following the mailed link proves the address.
    profile.emailVerifiedAt ??= now;
    await cancelPendingLinks(em, profile.id, { exceptId: token.id });
    const ended = await endProfileSessions(em, profile.id);
    enqueueMail(em, { to: profile.email, kind: 'password_changed', locale: profile.locale, params: { when: now, resetLink: portalLink(config, '/forgot-password') } });
    recordAudit(em, { profileId: profile.id, origin }, { workspaceId: null, action: 'profile.password_reset', targetProfileId: profile.id, details: { sessionsEnded: ended } });
    await em.flush();
    return { email: profile.email };
  });
  await config.limits.reset('signInAccount', result.email);
  return result;
}
