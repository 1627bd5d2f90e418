// Sessions: the one place they start and end.
export { endMemberSessions, endProfileSessions, endSession, rotateSession, startSession, type SignedIn, type SignInMethod } from './sessions.ts';
export { disableTwoFactor } from './disable-two-factor.ts';
export { enableTwoFactor } from './enable-two-factor.ts';
export { listIdentities, type IdentityView } from './list-identities.ts';
export { listSessions } from './list-sessions.ts';
export { assertReauthenticated, type Proof, assertCurrentPassword } from './reauthenticate.ts';
export { regenerateRecoveryCodes } from './regenerate-recovery-codes.ts';
export { revokeOtherSessions } from './revoke-other-sessions.ts';
export { revokeSession } from './revoke-session.ts';
export { setupTwoFactor } from './setup-two-factor.ts';
export { signIn, type SignInOptions, type SignInResult } from './sign-in-with-password.ts';
export { signOut } from './sign-out.ts';
export { socialSignIn, placeholderEmail, type SocialOutcome, type SocialSignInOptions } from './social-sign-in.ts';
export { asksSecondFactor, isTwoFactorExempt, TWO_FACTOR_CHALLENGE_TTL_MS } from './two-factor-rules.ts';
export { twoFactorStatus, type TwoFactorStatus } from './two-factor-status.ts';
export { unlinkIdentity } from './unlink-identity.ts';
export { verifyTwoFactor } from './verify-two-factor.ts';
