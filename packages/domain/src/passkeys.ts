/** At most this many passkeys per profile: a person's devices and keys, not a collection. */
export const PASSKEYS_PER_PROFILE = 20;
export const PASSKEY_NAME_MAX_LENGTH = 60;
/** A ceremony (adding a passkey, signing in with one) must be finished within this time of its start. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60 * 1000;

/**
 * A signature counter that did not move forward (WebAuthn §6.1.1): two
 * authenticators hold the same key, so the passkey may have been cloned.
 * Authenticators that keep no counter send 0 every time, which is no sign.
 */
export function counterWentBack(stored: number, presented: number): boolean {
  return (stored > 0 || presented > 0) && presented <= stored;
}

/** What a passkey is called until its owner names it: the authenticator's kind, as the browser reports it. */
export function defaultPasskeyName(deviceType: 'singleDevice' | 'multiDevice'): string {
  return deviceType === 'multiDevice' ? 'Synced passkey' : 'Security key';
}
