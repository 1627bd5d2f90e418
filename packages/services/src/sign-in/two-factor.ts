import { generateRecoveryCodes, generateTotpKey, hashRecoveryCode, totpEnrolment } from '@gatehouse/auth';
import { LockMode } from '@mikro-orm/core';
import { executeStatement, Member, Profile, RecoveryCode, TwoFactorChallenge, type EntityManager } from '@gatehouse/db';
import { AppError, signInRefusal } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor, RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { completeSignIn, type SignedIn } from './complete-sign-in.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { endMemberSessions } from './end-member-sessions.ts';
import { assertCurrentPassword, assertReauthenticated, type Proof } from './reauthenticate.ts';
import type { Membership } from '../members/resolve-membership.ts';
import { acceptRecoveryCode, acceptSecondFactor, acceptTotp, loadTotpKey, unusedRecoveryCodes } from './second-factor.ts';
import { FEW_RECOVERY_CODES, isTwoFactorExempt, TWO_FACTOR_CHALLENGE_ATTEMPTS } from './two-factor-rules.ts';

const ISSUER = 'Gatehouse';

export interface TwoFactorStatus {
  enabled: boolean;
  /** Set up but not yet confirmed with a code. */
  pending: boolean;
  recoveryCodesLeft: number;
  /** Workspaces whose admin turned the second step off for sign-ins there (only there), and until when (null: until it is set up again). */
  exemptions: { workspace: { slug: string; name: string }; until: string | null }[];
}

async function replaceRecoveryCodes(em: EntityManager, config: ServiceConfig, profileId: string): Promise<string[]> {
  await em.nativeDelete(RecoveryCode, { profile: profileId });
  const codes = generateRecoveryCodes();
  for (const code of codes) em.create(RecoveryCode, { profile: profileId, codeHash: hashRecoveryCode(config.appSecret, code) });
  return codes;
}

export async function twoFactorStatus(options: { em: EntityManager; actor: Actor }): Promise<TwoFactorStatus> {
  const profile = await options.em.findOneOrFail(Profile, { id: options.actor.profileId }, { populate: ['totpSecretEncrypted'] });
  const exempted = profile.twoFactorEnabledAt
    ? await options.em.find(Member, { profile: profile.id, twoFactorExemptAt: { $ne: null } }, { populate: ['workspace'], orderBy: { createdAt: 'asc' } })
    : [];
  return {
    enabled: profile.twoFactorEnabledAt != null,
    pending: profile.twoFactorEnabledAt == null && profile.totpSecretEncrypted != null,
    recoveryCodesLeft: await unusedRecoveryCodes(options.em, profile.id),
    exemptions: exempted
      .filter((member) => isTwoFactorExempt(member))
      .map((member) => ({ workspace: { slug: member.workspace.getEntity().slug, name: member.workspace.getEntity().name }, until: member.twoFactorExemptUntil?.toISOString() ?? null })),
  };
}

/** A new enrolment (or turning it off) ends every admin's exemption: they were for the authenticator that was lost. */
async function clearExemptions(em: EntityManager, profileId: string): Promise<void> {
  await em.nativeUpdate(Member, { profile: profileId, twoFactorExemptAt: { $ne: null } }, { twoFactorExemptAt: null, twoFactorExemptUntil: null });
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
    const { profile, key } = await loadTotpKey(em, config, actor.profileId);
    if (profile.twoFactorEnabledAt || !key) throw new AppError('FORBIDDEN', { requiredRole: 'self' });
    await config.limits.consume('twoFactor', profile.id);
    if (!(await acceptTotp(em, profile, key, options.code))) throw new AppError('TWO_FACTOR_INVALID');
    await config.limits.reset('twoFactor', profile.id);
    profile.twoFactorEnabledAt = new Date();
    await clearExemptions(em, profile.id);
    const recoveryCodes = await replaceRecoveryCodes(em, config, profile.id);
    recordAudit(em, actor, { workspaceId: null, action: 'two_factor.enabled', targetProfileId: profile.id });
    await em.flush();
    return { recoveryCodes };
  });
}

/** Off again: needs the password and a current code (or a recovery code); the person is told by mail. */
export async function disableTwoFactor(options: { em: EntityManager; actor: Actor; config: ServiceConfig; password: string; code: string }): Promise<{ enabled: false }> {
  const { actor, config } = options;
  return options.em.transactional(async (em) => {
    const { profile, key } = await loadTotpKey(em, config, actor.profileId);
    if (!profile.twoFactorEnabledAt || !key) throw new AppError('FORBIDDEN', { requiredRole: 'self' });
    await assertCurrentPassword(config, profile, options.password);
    await config.limits.consume('twoFactor', profile.id);
    if (!(await acceptSecondFactor(em, config, profile, key, options.code))) throw new AppError('TWO_FACTOR_INVALID');
    profile.totpSecretEncrypted = null;
    profile.twoFactorEnabledAt = null;
    profile.totpLastStep = null;
    await em.nativeDelete(RecoveryCode, { profile: profile.id });
    await clearExemptions(em, profile.id);
    enqueueMail(em, { to: profile.email, kind: 'two_factor_disabled', locale: profile.locale, params: { when: new Date(), link: portalLink(config, '/security') } });
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

  const { profile, key } = await loadTotpKey(em, config, profileId);
  const proven = options.recoveryCode
    ? await acceptRecoveryCode(em, config, profileId, options.recoveryCode)
    : !!key && !!options.code && (await acceptTotp(em, profile, key, options.code));
  if (!proven) {
    recordAudit(em, { profileId: null, origin }, { workspaceId: challenge.workspace?.id ?? null, action: 'two_factor.failed', targetProfileId: profileId });
    // The password was right: the owner hears of it once per sign-in attempt, not once per wrong code.
    if (challenge.attempts === 0) {
      enqueueMail(em, { to: profile.email, kind: 'second_factor_failed', locale: profile.locale, params: { when: new Date(), address: origin.ipAddress ?? 'unknown', resetLink: portalLink(config, '/forgot-password') } });
    }
    await em.flush();
    throw new AppError('TWO_FACTOR_INVALID');
  }
  await config.limits.reset('twoFactor', profileId);
  // The challenge is spent: deleting it is conditional, so two racing correct codes sign in once.
  if ((await em.nativeDelete(TwoFactorChallenge, { id: challenge.id })) !== 1) throw new AppError('UNAUTHENTICATED');

  // Membership may have changed while the code was being typed.
  const workspace = challenge.workspace?.getEntity() ?? null;
  if (workspace) {
    const refusal = signInRefusal(await em.findOne(Member, { workspace: workspace.id, profile: profileId }));
    if (refusal) throw new AppError(refusal);
  }
  const signedIn = await completeSignIn({ em, config, profile, workspace, client: challenge.client, origin, method: options.recoveryCode ? 'recovery_code' : 'two_factor' });
  const left = await unusedRecoveryCodes(em, profileId);
  if (options.recoveryCode) {
    enqueueMail(em, { to: profile.email, kind: 'recovery_code_used', locale: profile.locale, params: { left, link: portalLink(config, '/security') } });
    await em.flush();
  }
  return { ...signedIn, recoveryCodesLeft: left, fewRecoveryCodesLeft: left < FEW_RECOVERY_CODES };
}

/**
 * An admin turns a member's second step off for sign-ins at this workspace
 * only — until a date, or until the person sets it up again — after proving
 * it is them (password or code). The member's sessions here end (a session
 * opened by whoever holds the lost device goes too) and the member is mailed.
 * The network sign-in and every other workspace still ask for it.
 */
export async function resetMemberTwoFactor(options: {
  em: EntityManager;
  actor: Actor;
  config: ServiceConfig;
  membership: Membership;
  memberId: string;
  until?: Date | null;
  proof: Proof;
}): Promise<{ reset: true; until: string | null }> {
  const { actor, config, membership } = options;
  await assertReauthenticated({ em: options.em, config, actor, proof: options.proof, require: 'any' });
  return options.em.transactional(async (em) => {
    const member = await em.findOne(Member, { id: options.memberId, workspace: membership.workspace.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!member?.profile) throw new AppError('NOT_FOUND');
    const profile = await em.findOneOrFail(Profile, { id: member.profile.id });
    if (!profile.twoFactorEnabledAt) throw new AppError('NOT_FOUND');
    const until = options.until ?? null;
    member.twoFactorExemptAt = new Date();
    member.twoFactorExemptUntil = until;
    const sessionsEnded = await endMemberSessions(em, member);
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
      details: { until: until?.toISOString() ?? null, sessionsEnded },
    });
    await em.flush();
    return { reset: true as const, until: until?.toISOString() ?? null };
  });
}
