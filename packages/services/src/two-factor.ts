import {
  generateRecoveryCodes,
  generateTotpKey,
  hashRecoveryCode,
  matchTotp,
  totpEnrolment,
} from '@gatehouse/auth';
import { LockMode } from '@mikro-orm/core';
import { executeStatement, Member, Profile, RecoveryCode, TwoFactorChallenge, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor, RequestOrigin } from './actor.ts';
import { recordAudit } from './audit.ts';
import { completeSignIn, type SignedIn } from './complete-sign-in.ts';
import { portalLink, type ServiceConfig } from './config.ts';
import { assertCurrentPassword } from './reauthenticate.ts';
import type { Membership } from './resolve-membership.ts';
import { FEW_RECOVERY_CODES, TWO_FACTOR_CHALLENGE_ATTEMPTS } from './two-factor-rules.ts';

const ISSUER = 'Gatehouse';

export interface TwoFactorStatus {
  enabled: boolean;
  /** Set up but not yet confirmed with a code. */
  pending: boolean;
  recoveryCodesLeft: number;
  suspendedUntil: string | null;
}

async function loadSecret(em: EntityManager, config: ServiceConfig, profileId: string): Promise<{ profile: Profile; key: Uint8Array | null }> {
  const profile = await em.findOneOrFail(Profile, { id: profileId }, { populate: ['totpSecretEncrypted', 'passwordHash'] });
  return { profile, key: profile.totpSecretEncrypted ? config.totpBox.open(profile.totpSecretEncrypted) : null };
}

/** Accepts a TOTP code once: the step is recorded with a conditional update, so a replay (or a racing twin) fails. */
async function acceptTotp(em: EntityManager, profile: Profile, key: Uint8Array, code: string): Promise<boolean> {
  const step = matchTotp(key, code, { now: new Date(), lastAcceptedStep: profile.totpLastStep ?? null });
  if (step === null) return false;
  const updated = await executeStatement(em, 'update profile set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2)', [profile.id, step]);
  if (updated === 1) profile.totpLastStep = step;
  return updated === 1;
}

/** Spends one recovery code; two requests with the same code cannot both succeed. */
async function acceptRecoveryCode(em: EntityManager, config: ServiceConfig, profileId: string, code: string): Promise<boolean> {
  const updated = await executeStatement(em, 'update recovery_code set used_at = now() where profile_id = $1 and code_hash = $2 and used_at is null', [
    profileId,
    hashRecoveryCode(config.appSecret, code),
  ]);
  return updated === 1;
}

function unusedRecoveryCodes(em: EntityManager, profileId: string): Promise<number> {
  return em.count(RecoveryCode, { profile: profileId, usedAt: null });
}

async function replaceRecoveryCodes(em: EntityManager, config: ServiceConfig, profileId: string): Promise<string[]> {
  await em.nativeDelete(RecoveryCode, { profile: profileId });
  const codes = generateRecoveryCodes();
  for (const code of codes) em.create(RecoveryCode, { profile: profileId, codeHash: hashRecoveryCode(config.appSecret, code) });
  return codes;
}

export async function twoFactorStatus(options: { em: EntityManager; actor: Actor }): Promise<TwoFactorStatus> {
  const profile = await options.em.findOneOrFail(Profile, { id: options.actor.profileId }, { populate: ['totpSecretEncrypted'] });
  return {
    enabled: profile.twoFactorEnabledAt != null,
    pending: profile.twoFactorEnabledAt == null && profile.totpSecretEncrypted != null,
    recoveryCodesLeft: await unusedRecoveryCodes(options.em, profile.id),
    suspendedUntil: profile.twoFactorSuspendedUntil?.toISOString() ?? null,
  };
}

/** Starts enrolment: a new secret (kept encrypted), shown as text and as an otpauth:// URI for the QR code. */
export async function setupTwoFactor(options: { em: EntityManager; actor: Actor; config: ServiceConfig }): Promise<{ secret: string; otpauthUrl: string }> {
  const { em, actor, config } = options;
  const profile = await em.findOneOrFail(Profile, { id: actor.profileId });
  if (profile.twoFactorEnabledAt) throw new AppError('FORBIDDEN', { requiredRole: 'self' });
  const key = generateTotpKey();
  profile.totpSecretEncrypted = config.totpBox.seal(key);
  profile.totpLastStep = null;
  await em.flush();
  return totpEnrolment(key, { issuer: ISSUER, account: profile.email });
}

/** Turns 2FA on with a first valid code; the ten recovery codes are returned this once. */
export async function enableTwoFactor(options: { em: EntityManager; actor: Actor; config: ServiceConfig; code: string }): Promise<{ recoveryCodes: string[] }> {
  const { actor, config } = options;
  return options.em.transactional(async (em) => {
    const { profile, key } = await loadSecret(em, config, actor.profileId);
    if (profile.twoFactorEnabledAt || !key) throw new AppError('FORBIDDEN', { requiredRole: 'self' });
    await config.limits.consume('twoFactor', profile.id);
    if (!(await acceptTotp(em, profile, key, options.code))) throw new AppError('TWO_FACTOR_INVALID');
    await config.limits.reset('twoFactor', profile.id);
    profile.twoFactorEnabledAt = new Date();
    profile.twoFactorSuspendedUntil = null;
    const recoveryCodes = await replaceRecoveryCodes(em, config, profile.id);
    recordAudit(em, actor, { workspaceId: null, action: 'two_factor.enabled', targetProfileId: profile.id });
    await em.flush();
    return { recoveryCodes };
  });
}

/** Off again: needs the password and a current code (or a recovery code). */
export async function disableTwoFactor(options: { em: EntityManager; actor: Actor; config: ServiceConfig; password: string; code: string }): Promise<{ enabled: false }> {
  const { actor, config } = options;
  return options.em.transactional(async (em) => {
    const { profile, key } = await loadSecret(em, config, actor.profileId);
    if (!profile.twoFactorEnabledAt || !key) throw new AppError('FORBIDDEN', { requiredRole: 'self' });
    await assertCurrentPassword(config, profile, options.password);
    await config.limits.consume('twoFactor', profile.id);
    const proven = (await acceptTotp(em, profile, key, options.code)) || (await acceptRecoveryCode(em, config, profile.id, options.code));
    if (!proven) throw new AppError('TWO_FACTOR_INVALID');
    profile.totpSecretEncrypted = null;
    profile.twoFactorEnabledAt = null;
    profile.totpLastStep = null;
    profile.twoFactorSuspendedUntil = null;
    await em.nativeDelete(RecoveryCode, { profile: profile.id });
    recordAudit(em, actor, { workspaceId: null, action: 'two_factor.disabled', targetProfileId: profile.id });
    await em.flush();
    return { enabled: false as const };
  });
}

export async function regenerateRecoveryCodes(options: { em: EntityManager; actor: Actor; config: ServiceConfig; password: string }): Promise<{ recoveryCodes: string[] }> {
  const { actor, config } = options;
  return options.em.transactional(async (em) => {
    const profile = await em.findOneOrFail(Profile, { id: actor.profileId }, { populate: ['passwordHash'] });
    if (!profile.twoFactorEnabledAt) throw new AppError('FORBIDDEN', { requiredRole: 'self' });
    await assertCurrentPassword(config, profile, options.password);
    const recoveryCodes = await replaceRecoveryCodes(em, config, profile.id);
    recordAudit(em, actor, { workspaceId: null, action: 'two_factor.recovery_codes_regenerated', targetProfileId: profile.id });
    await em.flush();
    return { recoveryCodes };
  });
}

export interface VerifyTwoFactorOptions {
  em: EntityManager;
  config: ServiceConfig;
  challengeId: string;
  code?: string;
  recoveryCode?: string;
  origin: RequestOrigin;
}

/** The second step of a sign-in: a current TOTP code, or one unused recovery code. */
export async function verifyTwoFactor(options: VerifyTwoFactorOptions): Promise<SignedIn & { recoveryCodesLeft: number; fewRecoveryCodesLeft: boolean }> {
  const { em, config, origin } = options;
  const challenge = await em.findOne(TwoFactorChallenge, { id: options.challengeId }, { populate: ['profile', 'workspace'] });
  if (!challenge || challenge.expiresAt.getTime() <= Date.now()) throw new AppError('UNAUTHENTICATED');
  const profileId = challenge.profile.id;
  await config.limits.consume('twoFactor', profileId);
  const attempts = await executeStatement(em, 'update two_factor_challenge set attempts = attempts + 1 where id = $1 and attempts < $2', [
    challenge.id,
    TWO_FACTOR_CHALLENGE_ATTEMPTS,
  ]);
  if (attempts === 0) {
    await em.nativeDelete(TwoFactorChallenge, { id: challenge.id });
    throw new AppError('UNAUTHENTICATED');
  }

  const { profile, key } = await loadSecret(em, config, profileId);
  const proven = options.recoveryCode
    ? await acceptRecoveryCode(em, config, profileId, options.recoveryCode)
    : !!key && !!options.code && (await acceptTotp(em, profile, key, options.code));
  if (!proven) {
    recordAudit(em, { profileId: null, origin }, { workspaceId: challenge.workspace?.id ?? null, action: 'two_factor.failed', targetProfileId: profileId });
    await em.flush();
    throw new AppError('TWO_FACTOR_INVALID');
  }
  await config.limits.reset('twoFactor', profileId);
  // The challenge is spent: deleting it is conditional, so two racing correct codes sign in once.
  if ((await em.nativeDelete(TwoFactorChallenge, { id: challenge.id })) !== 1) throw new AppError('UNAUTHENTICATED');

  // Membership may have changed while the code was being typed.
  const workspace = challenge.workspace?.getEntity() ?? null;
  if (workspace) {
    const member = await em.findOne(Member, { workspace: workspace.id, profile: profileId });
    if (member?.status === 'dismissed') throw new AppError('MEMBER_DISMISSED');
    if (member?.status !== 'active') throw new AppError('NO_ACCESS');
  }
  const signedIn = await completeSignIn({ em, config, profile, workspace, client: challenge.client, origin, method: options.recoveryCode ? 'recovery_code' : 'two_factor' });
  const left = await unusedRecoveryCodes(em, profileId);
  return { ...signedIn, recoveryCodesLeft: left, fewRecoveryCodesLeft: left < FEW_RECOVERY_CODES };
}

/**
 * An admin turns a member's 2FA off: for good (the secret and codes go; the
 * person sets it up again), or until a date after which it is asked again.
 */
export async function resetMemberTwoFactor(options: {
  em: EntityManager;
  actor: Actor;
  config: ServiceConfig;
  membership: Membership;
  memberId: string;
  until?: Date | null;
}): Promise<{ reset: true; until: string | null }> {
  const { actor, config, membership } = options;
  return options.em.transactional(async (em) => {
    const member = await em.findOne(Member, { id: options.memberId, workspace: membership.workspace.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!member?.profile) throw new AppError('NOT_FOUND');
    const profile = await em.findOneOrFail(Profile, { id: member.profile.id });
    if (!profile.twoFactorEnabledAt) throw new AppError('NOT_FOUND');
    const until = options.until ?? null;
    if (until) {
      profile.twoFactorSuspendedUntil = until;
    } else {
      profile.totpSecretEncrypted = null;
      profile.twoFactorEnabledAt = null;
      profile.totpLastStep = null;
      profile.twoFactorSuspendedUntil = null;
      await em.nativeDelete(RecoveryCode, { profile: profile.id });
    }
    enqueueMail(em, {
      to: profile.email,
      kind: 'two_factor_reset',
      locale: profile.locale,
      params: { workspaceName: membership.workspace.name, until, link: portalLink(config, '/security') },
    });
    recordAudit(em, actor, {
      workspaceId: membership.workspace.id,
      action: 'two_factor.reset_by_admin',
      targetMemberId: member.id,
      targetProfileId: profile.id,
      details: { until: until?.toISOString() ?? null },
    });
    await em.flush();
    return { reset: true as const, until: until?.toISOString() ?? null };
  });
}
