import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from '@gatehouse/auth';
import { findProfileForSignIn, ProfileToken, type EntityManager } from '@gatehouse/db';
import { AppError, normalizeEmail, type SessionClient } from '@gatehouse/domain';
import { addressKey, type RequestOrigin } from './actor.ts';
import { writeAudit } from './audit.ts';
import { afterFirstFactor, type SignInResult } from './after-first-factor.ts';
import type { ServiceConfig } from './config.ts';
import { queueEmailVerification } from './verify-email.ts';

export interface SignInOptions {
  em: EntityManager;
  config: ServiceConfig;
  email: string;
  password: string;
  /** Sign in at one workspace (its address) rather than to the network. */
  workspaceSlug?: string | null;
  client: SessionClient;
  origin: RequestOrigin;
}

export type { SignInResult };

/** A new confirmation mail at most this often when someone keeps signing in unconfirmed. */
const VERIFICATION_RESEND_MS = 60_000;

/**
 * Checks the password first and says nothing else until it is right: an
 * unknown email costs the same verification and gets the same answer as a
 * wrong password. Then a confirmed address, then {@link afterFirstFactor}.
 */
export async function signIn(options: SignInOptions): Promise<SignInResult> {
  const { em, config, origin } = options;
  const email = normalizeEmail(options.email);
  await config.limits.consume('signInAddress', addressKey(origin));
  const { counted: earlierFailures } = await config.limits.check('signInAccount', email);

  const profile = await findProfileForSignIn(em, email);
  const passwordHash = profile?.passwordHash;
  const valid = passwordHash ? await verifyPassword(passwordHash, options.password) : await verifyAgainstNothing(options.password);
  if (!profile || !passwordHash || !valid) {
    if (profile) {
      await writeAudit(em, { profileId: null, origin }, { workspaceId: null, action: 'sign_in.failed', targetProfileId: profile.id });
    }
    await config.limits.consume('signInAccount', email);
    throw new AppError('INVALID_CREDENTIALS');
  }
  // The hot path: only an account with failures on record has counters to clear.
  if (earlierFailures) await config.limits.reset('signInAccount', email);
  if (needsRehash(passwordHash)) {
    profile.passwordHash = await hashPassword(options.password);
    await em.flush();
  }

  if (!profile.emailVerifiedAt) {
    const latest = await em.findOne(ProfileToken, { profile: profile.id, purpose: 'verify_email' }, { orderBy: { createdAt: 'desc' } });
    if (!latest || Date.now() - latest.createdAt.getTime() > VERIFICATION_RESEND_MS) queueEmailVerification(em, config, profile);
    await em.flush();
    throw new AppError('EMAIL_NOT_VERIFIED');
  }

  return afterFirstFactor({ em, config, profile, workspaceSlug: options.workspaceSlug ?? null, client: options.client, origin, method: 'password' });
}
