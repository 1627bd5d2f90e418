import { MEMBER_ROLES, type MemberRole } from './membership.ts';

/*
 * SCIM 2.0 provisioning (RFC 7643/7644): the company's directory creates,
 * updates and removes the workspace's members. Removal is dismissal: every
 * record stays and the seat is freed. People arrive only at addresses of a
 * domain the workspace verified, and count against the same seats as
 * invitations.
 */

/** Every SCIM token begins so: a scanner finds a leaked one, and it is never taken for an API key or a session. */
export const SCIM_TOKEN_PREFIX = 'ghscim_';

/** Live tokens per workspace: one per directory and a spare for rotating it. */
export const SCIM_TOKENS_PER_WORKSPACE = 5;

/** The most resources one list answer holds (ServiceProviderConfig's `filter.maxResults`). */
export const SCIM_MAX_RESULTS = 200;

/** The largest request body the endpoint reads (ServiceProviderConfig's `bulk.maxPayloadSize` and the parser's limit). */
export const SCIM_MAX_BODY_BYTES = 1024 * 1024;

/** The most operations one PATCH may carry, and members one group may hold. */
export const SCIM_MAX_PATCH_OPERATIONS = 1000;
export const SCIM_MAX_GROUP_MEMBERS = 10_000;

/** Directory attributes as kept: long enough for any real name, short enough to keep rows small. */
export const SCIM_ATTRIBUTE_MAX_LENGTH = 200;

/** Workspace roles from the most to the least rights: a person in several mapped groups gets the first. */
const ROLE_RANK: readonly MemberRole[] = MEMBER_ROLES;

/** The role of a provisioned newcomer, and of a person who leaves the last mapped group they were in. */
export const DIRECTORY_DEFAULT_ROLE: MemberRole = 'employee';

/**
 * The role a person's directory groups give them: the highest role any of
 * their groups is mapped to; null when none of their groups is mapped.
 */
export function roleFromGroups(groupRoles: readonly (MemberRole | null)[]): MemberRole | null {
  const mapped = groupRoles.filter((role): role is MemberRole => role !== null);
  if (!mapped.length) return null;
  return ROLE_RANK.find((role) => mapped.includes(role)) ?? null;
}

/**
 * A directory's `active`, as sent: Entra ID has been known to send the
 * strings "True" and "False"; anything else is not a boolean.
 */
export function scimBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return null;
}
