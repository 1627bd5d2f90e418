import { generateOneTimeToken, hashOneTimeToken } from '@gatehouse/auth';
import { LockMode } from '@mikro-orm/core';
import { Profile, ProfileToken, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { addressKey, type Actor, type RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { promoteVerifiedJoins } from '../join-link/join-link.ts';

/** A new verification mail at most once a minute. */
const RESEND_INTERVAL_MS = 60_000;

/** Queues a verification link for the profile's login email (on the caller's entity manager). */
export function queueEmailVerification(em: EntityManager, config: ServiceConfig, profile: Profile): void {
  const { token, hash } = generateOneTimeToken();
  em.create(ProfileToken, { profile, purpose: 'verify_email', tokenHash: hash, expiresAt: new Date(Date.now() + config.lifetimes.emailVerificationLinkMs) });
  enqueueMail(em, { to: profile.email, kind: 'email_verification', locale: profile.locale, params: { link: portalLink(config, '/verify-email', token) } });
}

/** Confirms the login email from the mailed link, once; memberships that waited on it move on. */
export async function verifyEmail(options: { em: EntityManager; config: ServiceConfig; token: string; origin: RequestOrigin }): Promise<{ email: string }> {
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
    await promoteVerifiedJoins(em, profile, actor);
    await em.flush();
    return { email: profile.email };
  });
}

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
