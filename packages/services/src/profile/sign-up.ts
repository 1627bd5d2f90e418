import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { assertPasswordAcceptable, hashPassword } from '@gatehouse/auth';
import { Profile, type EntityManager } from '@gatehouse/db';
import { normalizeEmail, type Locale } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { answerNoSoonerThan } from '../shared/timing.ts';
import { queueEmailVerification } from './email-verification.ts';

export interface SignUpOptions {
  em: EntityManager;
  email: string;
  password: string;
  name: string;
  locale: Locale;
  config: ServiceConfig;
  origin: RequestOrigin;
}

/** Below this the answer is padded, so a new and a known address take about as long. */
const ANSWER_FLOOR_MS = 250;

/**
 * Creates a network profile and mails a link to confirm the address. The
 * answer is the same whether or not the address already has a profile: its
 * owner gets a mail saying someone tried (no enumeration). A never-confirmed
 * profile is taken over by the new sign-up, since nobody ever proved it.
 */
export async function signUp(options: SignUpOptions): Promise<{ status: 'verification_sent'; email: string }> {
  const started = Date.now();
  const { em, config } = options;
  const email = normalizeEmail(options.email);
  await config.limits.consume('mailAddress', addressKey(options.origin));
  assertPasswordAcceptable(options.password, { email, name: options.name });
  const passwordHash = await hashPassword(options.password);
  try {
    await em.transactional(async (tx) => {
      const existing = await tx.findOne(Profile, { email });
      if (existing?.emailVerifiedAt) {
        enqueueMail(tx, {
          to: existing.email,
          kind: 'signup_existing',
          locale: existing.locale,
          params: { signInLink: portalLink(config, '/signin'), resetLink: portalLink(config, '/forgot-password') },
        });
      } else if (existing) {
        existing.passwordHash = passwordHash;
        existing.name = options.name.trim();
        existing.locale = options.locale;
        queueEmailVerification(tx, config, existing);
      } else {
        const profile = tx.create(Profile, { email, passwordHash, name: options.name.trim(), locale: options.locale });
        queueEmailVerification(tx, config, profile);
      }
      await tx.flush();
    });
  } catch (error) {
    // Two sign-ups raced for one new address: the other one created it; answer alike.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
  }
  await answerNoSoonerThan(started, ANSWER_FLOOR_MS);
  return { status: 'verification_sent', email };
}
