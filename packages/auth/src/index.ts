export { hashPassword, verifyPassword, verifyAgainstNothing, needsRehash, passwordWorkSaturated, passwordWorkLoad, preparePasswordWork, ARGON2_PARAMETERS, OVERLOAD_RETRY_SECONDS } from './password.ts';
export { Semaphore } from './semaphore.ts';
export { generateSessionToken, parseSessionToken, hashSecret } from './session-token.ts';
export {
  createSession,
  newSession,
  type NewSession,
  validateSessionToken,
  invalidateSession,
  type CreateSessionOptions,
  type SessionInfo,
  type SessionProfile,
  type ValidatedSession,
} from './sessions.ts';
export { generateOneTimeToken, hashOneTimeToken, derivedSecret, derivedSecretMatches, generateDigitCode, generatePassword } from './one-time-token.ts';
export { assertPasswordAcceptable } from './password-policy.ts';
export { SecretBox } from './secret-box.ts';
export { generateTotpKey, totpEnrolment, matchTotp, totpCodeAt, currentTotpStep, TOTP_PERIOD_SECONDS } from './totp.ts';
export { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.ts';
export { createRateLimits, createDisabledRateLimits, RateLimitRefusal, type RateLimits, type LimitName } from './rate-limits.ts';
export { SocialProviders, type SocialProviderConfig, type SocialClaims, type SocialAttempt } from './social.ts';
export { generateApiKey, hashApiKey, isApiKeyToken, generateScimToken, hashScimToken } from './api-key-token.ts';
