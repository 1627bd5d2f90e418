export { hashPassword, verifyPassword, verifyAgainstNothing, needsRehash, ARGON2_PARAMETERS } from './password.ts';
export { Semaphore } from './semaphore.ts';
export { generateSessionToken, parseSessionToken, hashSecret } from './session-token.ts';
export {
  createSession,
  validateSessionToken,
  invalidateSession,
  type CreateSessionOptions,
  type SessionInfo,
  type SessionProfile,
  type ValidatedSession,
} from './sessions.ts';
export { generateOneTimeToken, hashOneTimeToken, derivedSecret, derivedSecretMatches, generatePassword } from './one-time-token.ts';
