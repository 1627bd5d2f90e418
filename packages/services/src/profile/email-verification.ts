import { generateOneTimeToken } from '@gatehouse/auth';
import type { Profile} from '@gatehouse/db';
import { ProfileToken, type EntityManager } from '@gatehouse/db';
import { enqueueMail } from '@gatehouse/mail';
import { portalLink, type ServiceConfig } from '../shared/config.ts';

/** Queues a verification link for the profile's login email (on the caller's entity manager). */
export function queueEmailVerification(em: EntityManager, config: ServiceConfig, profile: Profile): void {
  const { token, hash } = generateOneTimeToken();
  em.create(ProfileToken, { profile, purpose: 'verify_email', tokenHash: hash, expiresAt: new Date(Date.now() + config.lifetimes.emailVerificationLinkMs) });
  enqueueMail(em, { to: profile.email, kind: 'email_verification', locale: profile.locale, params: { link: portalLink(config, '/verify-email', token) } });
}
