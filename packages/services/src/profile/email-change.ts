import { generateOneTimeToken, hashOneTimeToken } from '@gatehouse/auth';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Profile, ProfileToken, type EntityManager } from '@gatehouse/db';
import { AppError, normalizeEmail } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { addressKey, type Actor, type RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { cancelPendingLinks } from './cancel-pending-links.ts';
import { assertReauthenticated, type Proof } from '../sign-in/reauthenticate.ts';

/**
 * Asks to sign in with another address. Needs the password (and the second
 * step when it is on); refuses an
 * address another profile signs in with (the seeds' two remedies: sign in
 * with it, or free it by changing that profile's login). Nothing changes
 * until the link mailed to the new address is used; the old one is told.
 */
export async function requestEmailChange(options: { em: EntityManager; actor: Actor; config: ServiceConfig; newEmail: string; proof: Proof }): Promise<{ sentTo: string }> {
  const { actor, config } = options;
  const newEmail = normalizeEmail(options.newEmail);
  // The login is what recovery mails go to: every factor the profile has is asked, and each answer "taken" is counted.
  await assertReauthenticated({ em: options.em, config, actor, proof: options.proof, require: 'every' });
  await config.limits.consume('emailChangeProfile', actor.profileId);
  return options.em.transactional(async (em) => {
    const profile = await em.findOneOrFail(Profile, { id: actor.profileId });
    if (newEmail === profile.email) throw new AppError('INVALID_INPUT', { fields: { newEmail: 'invalid' } });
    if (await em.count(Profile, { email: newEmail })) throw new AppError('EMAIL_TAKEN', { scope: 'network', emailKind: 'login' });
    await config.limits.consume('mailAddress', addressKey(actor.origin));
    await em.nativeDelete(ProfileToken, { profile: profile.id, purpose: 'change_email', usedAt: null });
    const { token, hash } = generateOneTimeToken();
    em.create(ProfileToken, { profile, purpose: 'change_email', tokenHash: hash, newEmail, expiresAt: new Date(Date.now() + config.lifetimes.emailChangeLinkMs) });
    enqueueMail(em, { to: newEmail, kind: 'email_change_confirm', locale: profile.locale, params: { newEmail, link: portalLink(config, '/confirm-email', token) } });
    enqueueMail(em, { to: profile.email, kind: 'email_change_notice', locale: profile.locale, params: { newEmail, resetLink: portalLink(config, '/forgot-password') } });
    recordAudit(em, actor, { workspaceId: null, action: 'profile.email_change_requested', targetProfileId: profile.id, details: { newEmail } });
    await em.flush();
    return { sentTo: newEmail };
  });
}

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
      if (await em.count(Profile, { email: token.newEmail })) throw new AppError('EMAIL_TAKEN', { scope: 'network', emailKind: 'login' });
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
    if (error instanceof UniqueConstraintViolationException) throw new AppError('EMAIL_TAKEN', { scope: 'network', emailKind: 'login' });
    throw error;
  }
}
