import { LockMode } from '@mikro-orm/core';
import { Profile, ProfileToken, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { type Actor } from '../shared/actor.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { queueEmailVerification } from './email-verification.ts';

/** A new verification mail at most once a minute. */
const RESEND_INTERVAL_MS = 60_000;

export async function resendVerification(options: { em: EntityManager; actor: Actor; config: ServiceConfig }): Promise<{ sent: boolean }> {
  return options.em.transactional(async (em) => {
    const profile = await em.findOneOrFail(Profile, { id: options.actor.profileId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (profile.emailVerifiedAt) return { sent: false };
    const latest = await em.findOne(ProfileToken, { profile: profile.id, purpose: 'verify_email' }, { orderBy: { createdAt: 'desc' } });
    const since = latest ? Date.now() - latest.createdAt.getTime() : Infinity;
    if (since < RESEND_INTERVAL_MS) throw new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil((RESEND_INTERVAL_MS - since) / 1000) });
    queueEmailVerification(em, options.config, profile);
    await em.flush();
    return { sent: true };
  });
}
