export { passkeyRegistrationOptions, addPasskey } from './add-passkey.ts';
export { passkeySignInOptions, signInWithPasskey } from './sign-in-with-passkey.ts';
export { passkeyConfirmationOptions, secondStepPasskeyOptions, acceptPasskeyProof, type PasskeyProof } from './confirm-with-passkey.ts';
export { listPasskeys, renamePasskey, removePasskey } from './manage-passkeys.ts';
export { type PasskeyView } from './passkey-view.ts';
/** What the browser answers to each ceremony, as `@simplewebauthn/browser` sends it. */
export type { RegistrationResponseJSON, AuthenticationResponseJSON } from '@simplewebauthn/server';
