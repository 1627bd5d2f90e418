import type { MemberRole } from './membership.ts';

/*
 * Workspace single sign-on: a connection to the company's own directory
 * (SAML 2.0 or OpenID Connect). A person signs in there and arrives here as
 * a member of the workspace, made at the first sign-in (just in time) under
 * the same seats as every other way in. Only addresses at the workspace's
 * verified domains come in this way: a directory vouches for its own people.
 */

export const SSO_KINDS = ['oidc', 'saml'] as const;
export type SsoKind = (typeof SSO_KINDS)[number];

/** Connections per workspace: one per directory, and a spare while moving from one to another. */
export const SSO_CONNECTIONS_PER_WORKSPACE = 5;

/** A connection's values as pasted (issuer, client id, attribute names): bounded, one line. */
export const SSO_VALUE_MAX_LENGTH = 500;
export const SSO_ROLE_MAPPINGS_MAX = 20;

/** How long the round trip to the directory may take. */
export const SSO_ATTEMPT_TTL_MS = 10 * 60_000;

/** Sign-ins and failures a connection remembers for its page: the most recent ones, the older ones forgotten. */
export const SSO_EVENTS_KEPT = 50;

/**
 * Why a sign-in through a connection failed, in words an admin can act on
 * (the console says each in plain language): the directory's answer was
 * not signed or not by its certificate, outside its validity, for another
 * audience or recipient, seen before, not the answer to our request, or it
 * named a person the workspace cannot take.
 */
export const SSO_FAILURE_REASONS = [
  'signature',
  'clock',
  'audience',
  'recipient',
  'replay',
  'in_response_to',
  'state',
  'issuer',
  'idp_error',
  'unsolicited',
  'malformed',
  'email_missing',
  'domain_not_verified',
  'seat_limit',
  'dismissed',
  'disabled',
  'unreachable',
  'refused',
] as const;
export type SsoFailureReason = (typeof SSO_FAILURE_REASONS)[number];

/** The way in of a sign-in through a connection, as a session keeps it. */
export const SSO_WAY_IN_PREFIX = 'sso:';

export interface SsoRoleMapping {
  /** A value of the role attribute (a group's name or id) … */
  value: string;
  /** … and the role it gives. */
  role: MemberRole;
}

const ROLE_RANK: readonly MemberRole[] = ['admin', 'employee', 'extranet'];

/**
 * The role a newcomer arriving through the connection gets: the highest role
 * mapped from any value of their role attribute (compared without case), else
 * the connection's default.
 */
export function roleFromAttribute(values: readonly string[], mappings: readonly SsoRoleMapping[], defaultRole: MemberRole): MemberRole {
  const held = new Set(values.map((value) => value.trim().toLowerCase()));
  const mapped = mappings.filter((mapping) => held.has(mapping.value.trim().toLowerCase())).map((mapping) => mapping.role);
  return ROLE_RANK.find((role) => mapped.includes(role)) ?? defaultRole;
}

/**
 * Why an issuer (or a SAML sign-in URL) as an admin typed it cannot be one:
 * not an absolute URL, with credentials, a query or a fragment; `not_https`
 * unless plain http is allowed (a developer's own directory on this machine).
 */
export function ssoUrlProblem(value: string, options: { allowHttp: boolean; allowQuery?: boolean }): 'url' | 'not_https' | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url';
  }
  if (url.username || url.password || url.hash || (url.search && !options.allowQuery) || value.length > SSO_VALUE_MAX_LENGTH) return 'url';
  if (url.protocol === 'https:') return null;
  return url.protocol === 'http:' && options.allowHttp ? null : 'not_https';
}

/** How far the directory's clock may be from ours when a SAML assertion's dates are checked. */
export const SAML_CLOCK_SKEW_MS = 60_000;
/** An identity provider's metadata document (Entra's is about 20 kB with its certificates). */
export const SAML_METADATA_MAX_LENGTH = 200_000;
/** A posted SAML response: a signed assertion with its attributes, groups included. */
export const SAML_RESPONSE_MAX_BYTES = 256 * 1024;
/** Signing certificates a connection trusts: the current one and the next during a rollover, and one spare. */
export const SAML_CERTIFICATES_MAX = 3;
export const SAML_CERTIFICATE_MAX_LENGTH = 8_000;
