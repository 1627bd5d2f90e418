/**
 * What an API key may do in its workspace: read the directory as an admin
 * sees it, or also change it as an admin does. A key is no person: what only
 * a person may do (their own profile, a password-confirmed change, an
 * appointment of admins) stays theirs.
 */
export const API_KEY_ROLES = ['reader', 'admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** Every key begins so: a scanner finds a leaked one, and the server tells it from a session token. */
export const API_KEY_PREFIX = 'gh_';

/** At most this many live keys per workspace. */
export const API_KEYS_PER_WORKSPACE = 50;

/** The latest expiry an admin may give a key: a key that never ends is chosen by giving none. */
export const API_KEY_MAX_LIFETIME_DAYS = 3 * 365;

/** Whether a key's role reaches a door that asks for `needed`. */
export function apiKeyRoleReaches(role: ApiKeyRole, needed: ApiKeyRole): boolean {
  return role === 'admin' || needed === 'reader';
}
