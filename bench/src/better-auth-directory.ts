/**
 * What the benchmark and its Better Auth server agree on for the directory
 * scenarios: the SCIM plugin's static connection (its documented way to
 * accept a directory's bearer token) and the organization it provisions
 * into, and the SSO plugin's SAML provider.
 */
export const BETTER_AUTH_SCIM = {
  connectionId: 'bench-directory',
  /** The organization's slug: the connection's provisioning domain. */
  organizationSlug: 'bench-scim',
  token: 'bench-scim-token-0123456789abcdefghijklmnopqrstuvwxyz',
} as const;

export const BETTER_AUTH_SAML = {
  providerId: 'bench-saml',
  organizationSlug: 'bench-saml',
} as const;
