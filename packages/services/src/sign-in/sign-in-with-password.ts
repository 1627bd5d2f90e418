import { hashPassword, needsRehash, RateLimitRefusal, verifyAgainstNothing, verifyPassword } from '@gatehouse/auth';
import { findProfileForSignIn, spendTemporaryPassword as spendOnce, ProfileToken, type EntityManager, type Profile } from '@gatehouse/db';
import { AppError, normalizeEmail, type SessionClient } from '@gatehouse/domain';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import { recordAuditNow } from '../audit/index.ts';
import { afterFirstFactor, type SignInResult } from './after-first-factor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { deviceHashOf, isTrustedDevice } from './known-devices.ts';
import { queueEmailVerification } from '../profile/index.ts';

export interface SignInOptions {
  em: EntityManager;
  config: ServiceConfig;
  email: string;
  password: string;
  /** Sign in at one workspace (its address) rather than to the network. */
  workspaceSlug?: string | null;
  client: SessionClient;
  origin: RequestOrigin;
  /** An admin signing in with their password although their domain requires single sign-on. */
  breakGlass?: boolean;
}

export type { SignInResult };

/** A new confirmation mail at most this often when someone keeps signing in unconfirmed. */
const VERIFICATION_RESEND_MS = 60_000;

/**
 * Counts the attempt against the account before the password is checked, so
 * a batch of parallel guesses gets no more tries than one after another. A
 * locked account still lets in a browser that signed in to it before, on an
 * allowance of its own: someone else's guesses cannot lock the owner out.
 * Returns the counter to clear once the password proves right.
 */
async function countAttempt(em: EntityManager, config: ServiceConfig, email: string, profile: Profile | null, origin: RequestOrigin) {
  try {
    await config.limits.consume('signInAccount', email);
    return { name: 'signInAccount' as const, key: email };
  } catch (error) {
    if (!(error instanceof RateLimitRefusal)) throw error;
    if (profile && (await isTrustedDevice(em, profile.id, origin))) {
      const key = `${email}:${deviceHashOf(profile.id, origin)}`;
      await config.limits.consume('signInDevice', key);
      return { name: 'signInDevice' as const, key };
    }
    if (profile && error.startedBlock) {
      await recordAuditNow(em, { profileId: null, origin }, { workspaceId: null, action: 'sign_in.locked', targetProfileId: profile.id, details: { retryAfterSeconds: error.params.retryAfterSeconds } });
    }
    throw error;
  }
}

/**
 * A generated password (direct registration, the demo's printed one) signs in
 * once, within its lifetime: the conditional update makes two racing sign-ins
 * with it succeed once.
 */
async function spendTemporaryPassword(em: EntityManager, profile: Profile): Promise<void> {
  if (profile.temporaryPasswordExpiresAt && profile.temporaryPasswordExpiresAt.getTime() <= Date.now()) throw new AppError('TEMPORARY_PASSWORD_EXPIRED');
  if (!(await spendOnce(em, profile.id))) throw new AppError('TEMPORARY_PASSWORD_EXPIRED');
}

/**
 * Checks the password first and says nothing else until it is right: an
 * unknown email costs the same verification and gets the same answer as a
 * wrong password. Then a confirmed address, then {@link afterFirstFactor}.
 */
export async function signIn(options: SignInOptions): Promise<SignInResult> {
  const { em, config, origin } = options;
  const email = normalizeEmail(options.email);
  await config.limits.consume('signInAddress', addressKey(origin));
  const profile = await findProfileForSignIn(em, email);
  const counter = await countAttempt(em, config, email, profile, origin);

  const passwordHash = profile?.passwordHash;
  const valid = passwordHash ? await verifyPassword(passwordHash, options.password) : await verifyAgainstNothing(options.password);
  if (!profile || !passwordHash || !valid) {
    if (profile) {
      await recordAuditNow(em, { profileId: null, origin }, { workspaceId: null, action: 'sign_in.failed', targetProfileId: profile.id });
    }
    throw new AppError('INVALID_CREDENTIALS');
  }
  await config.limits.reset(counter.name, counter.key);
  if (profile.mustChangePassword) await spendTemporaryPassword(em, profile);
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

  return afterFirstFactor({ em, config, profile, workspaceSlug: options.workspaceSlug ?? null, client: options.client, origin, wayIn: 'password', breakGlass: options.breakGlass ?? false });
}
