import { hashOneTimeToken } from '@gatehouse/auth';
import { LockMode } from '@mikro-orm/core';
import { Profile, ProfileToken, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { promoteVerifiedJoins, type PromotedJoin } from '../join-link/index.ts';

/** Confirms the login email from the mailed link, once; memberships that waited on it move on, and the answer says where each stands. */
export async function verifyEmail(options: { em: EntityManager; config: ServiceConfig; token: string; origin: RequestOrigin }): Promise<{ email: string; joins: PromotedJoin[] }> {
  await options.config.limits.consume('tokenAddress', addressKey(options.origin));
  const hash = hashOneTimeToken(options.token);
  if (!hash) throw new AppError('TOKEN_INVALID');
  return options.em.transactional(async (em) => {
    const token = await em.findOne(ProfileToken, { tokenHash: hash, purpose: 'verify_email' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!token || token.usedAt) throw new AppError('TOKEN_INVALID');
    if (token.expiresAt.getTime() <= Date.now()) throw new AppError('TOKEN_EXPIRED');
    token.usedAt = new Date();
    const profile = await em.findOneOrFail(Profile, { id: token.profile.id });
    profile.emailVerifiedAt ??= new Date();
    const actor = { profileId: profile.id, origin: options.origin };
    recordAudit(em, actor, { workspaceId: null, action: 'profile.email_verified', targetProfileId: profile.id });
    const joins = await promoteVerifiedJoins(em, profile, actor);
    await em.flush();
    return { email: profile.email, joins };
  });
}
