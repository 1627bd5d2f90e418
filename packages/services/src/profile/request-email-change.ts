import { generateOneTimeToken } from '@gatehouse/auth';
import { Profile, ProfileToken, type EntityManager } from '@gatehouse/db';
import { AppError, normalizeEmail } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { addressKey, type Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { assertReauthenticated, type Proof } from '../sign-in/index.ts';
import { assertEmailFree } from './email-availability.ts';

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
    await assertEmailFree(em, { email: newEmail, network: true, asNewLogin: true });
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
