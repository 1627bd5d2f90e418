import { hashOneTimeToken } from '@gatehouse/auth';
import { LockMode } from '@mikro-orm/core';
import { Profile, ProfileToken, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { cancelPendingLinks } from './cancel-pending-links.ts';
import { asEmailTaken, assertEmailFree } from './email-availability.ts';

/** Confirms from the new address: from now on the profile signs in with it, and every other mailed link (a reset sent to the old address) dies. */
export async function confirmEmailChange(options: { em: EntityManager; config: ServiceConfig; token: string; origin: RequestOrigin }): Promise<{ email: string }> {
  await options.config.limits.consume('tokenAddress', addressKey(options.origin));
  const hash = hashOneTimeToken(options.token);
  if (!hash) throw new AppError('TOKEN_INVALID');
  try {
    return await options.em.transactional(async (em) => {
      const token = await em.findOne(ProfileToken, { tokenHash: hash, purpose: 'change_email' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!token || token.usedAt || !token.newEmail) throw new AppError('TOKEN_INVALID');
      if (token.expiresAt.getTime() <= Date.now()) throw new AppError('TOKEN_EXPIRED');
      await assertEmailFree(em, { email: token.newEmail, network: true, asNewLogin: true });
      const profile = await em.findOneOrFail(Profile, { id: token.profile.id });
      const previous = profile.email;
      token.usedAt = new Date();
      profile.email = token.newEmail;
      profile.emailVerifiedAt = new Date();
      await cancelPendingLinks(em, profile.id, { exceptId: token.id });
      recordAudit(em, { profileId: profile.id, origin: options.origin }, { workspaceId: null, action: 'profile.email_changed', targetProfileId: profile.id, details: { from: previous, to: profile.email } });
      await em.flush();
      return { email: profile.email };
    });
  } catch (error) {
    throw asEmailTaken(error, { asNewLogin: true });
  }
}
