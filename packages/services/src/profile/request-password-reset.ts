import { generateOneTimeToken } from '@gatehouse/auth';
import { Profile, ProfileToken, type EntityManager } from '@gatehouse/db';
import { normalizeEmail } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { answerNoSoonerThan } from '../shared/timing.ts';

const ANSWER_FLOOR_MS = 250;

/**
 * Always the same answer, in about the same time. When the address has a
 * profile, a single-use link goes to the address stored on the profile (never
 * the typed one) and every older link dies.
 */
export async function requestPasswordReset(options: { em: EntityManager; config: ServiceConfig; email: string; origin: RequestOrigin }): Promise<{ ok: true }> {
  const started = Date.now();
  const { config, origin } = options;
  const email = normalizeEmail(options.email);
  await config.limits.consume('resetAddress', addressKey(origin));
  await config.limits.consume('resetMail', email);
  await options.em.transactional(async (em) => {
    const profile = await em.findOne(Profile, { email });
    if (!profile) return;
    await em.nativeDelete(ProfileToken, { profile: profile.id, purpose: 'reset_password', usedAt: null });
    const { token, hash } = generateOneTimeToken();
    const expiresAt = new Date(Date.now() + config.lifetimes.resetLinkMs);
    em.create(ProfileToken, { profile, purpose: 'reset_password', tokenHash: hash, expiresAt });
    enqueueMail(em, { to: profile.email, kind: 'password_reset', locale: profile.locale, params: { link: portalLink(config, '/reset-password', token), expiresAt } });
    recordAudit(em, { profileId: null, origin }, { workspaceId: null, action: 'profile.password_reset_requested', targetProfileId: profile.id });
    await em.flush();
  });
  await answerNoSoonerThan(started, ANSWER_FLOOR_MS);
  return { ok: true };
}
