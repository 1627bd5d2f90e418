import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { hashPassword } from '@gatehouse/auth';
import { Profile, type EntityManager } from '@gatehouse/db';
import { AppError, normalizeEmail, type Locale } from '@gatehouse/domain';
import type { ServiceConfig } from './config.ts';
import { queueEmailVerification } from './verify-email.ts';
import { profileView, type ProfileView } from './views.ts';

export interface SignUpOptions {
  em: EntityManager;
  email: string;
  password: string;
  name: string;
  locale: Locale;
  config: ServiceConfig;
}

/** Creates a network profile (one login email, one password, no workspace yet) and mails a link to confirm the address. */
export async function signUp(options: SignUpOptions): Promise<ProfileView> {
  const { em } = options;
  const email = normalizeEmail(options.email);
  if (await em.count(Profile, { email })) throw new AppError('EMAIL_TAKEN', { emailKind: 'login', scope: 'network' });
  const passwordHash = await hashPassword(options.password);
  const profile = em.create(Profile, { email, passwordHash, name: options.name.trim(), locale: options.locale });
  queueEmailVerification(em, options.config, profile);
  try {
    await em.flush();
  } catch (error) {
    // Two sign-ups raced for one address: the unique index decides.
    if (error instanceof UniqueConstraintViolationException) throw new AppError('EMAIL_TAKEN', { emailKind: 'login', scope: 'network' });
    throw error;
  }
  return profileView(profile);
}
