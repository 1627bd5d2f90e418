import { verifyPassword } from '@gatehouse/auth';
import { markSessionAuthenticated, type EntityManager, type Profile } from '@gatehouse/db';
import { AppError, signInIsRecent, type SecurityPolicy } from '@gatehouse/domain';
import type { Actor, Caller } from '../shared/actor.ts';
import { acceptPasskeyProof, type PasskeyProof } from '../passkeys/index.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { acceptSecondFactor, loadTotpKey } from './second-factor.ts';

/** A profile with neither a password nor a second factor (social sign-in only) proves itself by a sign-in this recent. */
export const RECENT_SIGN_IN_MS = 10 * 60_000;

/** What a person gives to confirm a sensitive action: their password, a code from their authenticator (or a recovery code), both, or a passkey. */
export interface Proof {
  password?: string | undefined;
  code?: string | undefined;
  passkey?: PasskeyProof | undefined;
}

function hasProof(proof: Proof): boolean {
  return !!(proof.password || proof.code || proof.passkey);
}

/**
 * A sensitive change proven by the current password (password or email
 * change, 2FA changes): wrong guesses count against the profile's
 * re-authentication limit, so a stolen session cannot brute-force it.
 */
export async function assertCurrentPassword(config: ServiceConfig, profile: Pick<Profile, 'id' | 'passwordHash'>, password: string): Promise<void> {
  await config.limits.consume('reauthentication', profile.id);
  if (!profile.passwordHash || !(await verifyPassword(profile.passwordHash, password))) throw new AppError('INVALID_CREDENTIALS');
  await config.limits.reset('reauthentication', profile.id);
}

/**
 * The caller proves it is them again before a sensitive action. `every`
 * (changing the login email) asks for each factor the profile has: the
 * password, and the code when two-step verification is on. `any` (an admin's
 * role changes and 2FA resets, ending another session) takes either one. A
 * profile with no password and no second factor has only its sign-in: it
 * must be recent. Missing proof is REAUTHENTICATION_REQUIRED; wrong proof is
 * counted like a wrong password.
 */
export async function assertReauthenticated(options: { em: EntityManager; config: ServiceConfig; actor: Actor; proof: Proof; require: 'any' | 'every' }): Promise<void> {
  const { em, config, actor, proof } = options;
  // A passkey is both factors at once (the key, and the person who unlocked it).
  if (proof.passkey) {
    await config.limits.consume('reauthentication', actor.profileId);
    if (!(await acceptPasskeyProof(em, config, { profileId: actor.profileId, proof: proof.passkey, origin: actor.origin }))) throw new AppError('PASSKEY_INVALID');
    await config.limits.reset('reauthentication', actor.profileId);
    return;
  }
  const { profile, key } = await loadTotpKey(em, config, actor.profileId);
  const hasPassword = profile.passwordHash != null;
  const hasCode = profile.twoFactorEnabledAt != null && key != null;
  if (!hasPassword && !hasCode) {
    if (Date.now() - actor.sessionStartedAt.getTime() > RECENT_SIGN_IN_MS) throw new AppError('REAUTHENTICATION_REQUIRED');
    return;
  }
  if (options.require === 'every') {
    if ((hasPassword && !proof.password) || (hasCode && !proof.code)) throw new AppError('REAUTHENTICATION_REQUIRED');
    await config.limits.consume('reauthentication', profile.id);
    if (hasPassword && !(await verifyPassword(profile.passwordHash!, proof.password!))) throw new AppError('INVALID_CREDENTIALS');
    if (hasCode && !(await acceptSecondFactor(em, config, profile, key!, proof.code!))) throw new AppError('TWO_FACTOR_INVALID');
  } else {
    const usePassword = hasPassword && !!proof.password;
    if (!usePassword && !(hasCode && proof.code)) throw new AppError('REAUTHENTICATION_REQUIRED');
    await config.limits.consume('reauthentication', profile.id);
    if (usePassword) {
      if (!(await verifyPassword(profile.passwordHash!, proof.password!))) throw new AppError('INVALID_CREDENTIALS');
    } else if (!(await acceptSecondFactor(em, config, profile, key!, proof.code!))) {
      throw new AppError('TWO_FACTOR_INVALID');
    }
  }
  await config.limits.reset('reauthentication', profile.id);
}

/**
 * A workspace's sensitive action (dismissing, changing roles, turning a
 * member's second step off, changing its policy, making API keys) needs the
 * caller's proof within the policy's minutes: the sign-in, or a confirmation
 * since. A proof sent with the action is checked and renews the session's,
 * so the next sensitive actions in those minutes do not ask again. An API
 * key has no session: its own role decides.
 */
export async function assertRecentSignIn(options: { em: EntityManager; config: ServiceConfig; actor: Caller; policy: Pick<SecurityPolicy, 'recentSignInMinutes'>; proof?: Proof }): Promise<void> {
  const { em, actor } = options;
  if (actor.apiKey) return;
  const now = new Date();
  if (options.proof && hasProof(options.proof)) {
    await assertReauthenticated({ em, config: options.config, actor, proof: options.proof, require: 'any' });
    await markSessionAuthenticated(em, actor.sessionId, now);
    return;
  }
  if (!signInIsRecent(options.policy, actor.sessionAuthenticatedAt, now)) throw new AppError('REAUTHENTICATION_REQUIRED');
}
