import { signInRefusal, type MemberFacts, type MemberRole } from './membership.ts';

/**
 * What an app of a workspace is, as OAuth tells clients apart: a web app
 * with a server that keeps a secret; a single-page or native app that
 * cannot keep one (PKCE instead); a machine client acting for itself.
 */
export const APP_KINDS = ['web', 'public', 'machine'] as const;
export type AppKind = (typeof APP_KINDS)[number];

/** The most redirect (or post-logout) addresses an app may list. */
export const APP_MAX_URIS = 10;
export const APP_URI_MAX_LENGTH = 500;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why an address cannot be an app's redirect (or logout) address, or null:
 * https, or plain http to this machine for development; a native app may
 * also use its own private scheme (`com.example.app:/callback`, RFC 8252).
 * Matched exactly later, so no fragment and no wildcard.
 */
export function appUriProblem(value: string, kind: AppKind): 'not_an_address' | 'not_https' | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not_an_address';
  }
  if (url.hash || value.includes('*') || url.username || url.password) return 'not_an_address';
  if (url.protocol === 'https:') return url.hostname ? null : 'not_an_address';
  if (url.protocol === 'http:') return LOOPBACK_HOSTS.has(url.hostname) ? null : 'not_https';
  // A private-use scheme is reverse-DNS (it holds a dot), never a scheme a browser runs.
  const scheme = url.protocol.slice(0, -1);
  if (kind === 'public' && scheme.includes('.') && !['javascript', 'data', 'file', 'vbscript'].includes(scheme)) return null;
  return 'not_https';
}

/** Where an app sends people back to, and where it is told of sign-outs. */
export interface AppAddresses {
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  backchannelLogoutUri: string | null;
}

/**
 * Every address of an app that its kind may not use, by field (`redirectUris.2`),
 * as INVALID_INPUT names them. An app people sign in to needs a redirect
 * address; the back-channel is called by a server, so never a custom scheme.
 */
export function appAddressProblems(addresses: AppAddresses, kind: AppKind): Record<string, 'url' | 'not_https' | 'required'> {
  const problems: Record<string, 'url' | 'not_https' | 'required'> = {};
  const check = (field: string, uri: string, as: AppKind) => {
    const problem = appUriProblem(uri, as);
    if (problem) problems[field] = problem === 'not_an_address' ? 'url' : 'not_https';
  };
  addresses.redirectUris.forEach((uri, index) => check(`redirectUris.${index}`, uri, kind));
  addresses.postLogoutRedirectUris.forEach((uri, index) => check(`postLogoutRedirectUris.${index}`, uri, kind));
  if (addresses.backchannelLogoutUri) check('backchannelLogoutUri', addresses.backchannelLogoutUri, 'web');
  if (kind !== 'machine' && addresses.redirectUris.length === 0) problems.redirectUris = 'required';
  return problems;
}

/** The app itself, as the door needs it. */
export interface AppFacts {
  allowedRoles: readonly MemberRole[];
  disabled: boolean;
}

/**
 * Who may sign in to an app of a workspace: the workspace's own rule first
 * (not a member, dismissed), then the app's roles. The one rule the
 * authorization step, the token exchange and userinfo all ask.
 */
export function appAccessRefusal(member: MemberFacts | null | undefined, app: AppFacts): 'NO_ACCESS' | 'MEMBER_DISMISSED' | 'APP_NOT_ALLOWED' | null {
  const refusal = signInRefusal(member);
  if (refusal) return refusal;
  if (app.disabled || !app.allowedRoles.includes(member!.role)) return 'APP_NOT_ALLOWED';
  return null;
}
