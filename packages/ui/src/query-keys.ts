/*
 * Every cached query's key, from one factory per feature: a page reads with
 * the same key a change invalidates, and a feature's keys all begin alike, so
 * invalidating the prefix refreshes every list, page and count of it.
 */

export const sessionKeys = {
  current: ['session'] as const,
  list: ['sessions'] as const,
};

export const systemKeys = {
  info: ['system'] as const,
};

export const profileKeys = {
  workspaces: ['my-workspaces'] as const,
  securityEvents: ['security-events'] as const,
  twoFactor: ['two-factor'] as const,
  identities: ['identities'] as const,
  apps: ['granted-apps'] as const,
  passkeys: ['passkeys'] as const,
};

export const workspaceKeys = {
  one: (slug: string) => ['workspace', slug] as const,
};

export const memberKeys = {
  all: (slug: string) => ['members', slug] as const,
  page: (slug: string, tab: string, search: string, cursor: string) => ['members', slug, tab, search, cursor] as const,
  admins: (slug: string) => ['members', slug, 'admins'] as const,
  active: (slug: string) => ['members', slug, 'active'] as const,
  counts: (slug: string) => ['member-counts', slug] as const,
  anyOne: (slug: string) => ['member', slug] as const,
  one: (slug: string, memberId: string) => ['member', slug, memberId] as const,
};

export const taskKeys = {
  all: (slug: string) => ['tasks', slug] as const,
  ofMember: (slug: string, memberId: string) => ['tasks', slug, memberId] as const,
  mine: (slug: string) => ['my-tasks', slug] as const,
};

export const auditKeys = {
  all: (slug: string) => ['audit', slug] as const,
  page: (slug: string, filter: object, cursor: string) => ['audit', slug, JSON.stringify(filter), cursor] as const,
};

export const appKeys = {
  of: (slug: string) => ['apps', slug] as const,
};

export const apiKeyKeys = {
  of: (slug: string) => ['api-keys', slug] as const,
};

export const joinLinkKeys = {
  of: (slug: string) => ['join-link', slug] as const,
  preview: (token: string) => ['join', token] as const,
};

export const invitationKeys = {
  preview: (token: string) => ['invitation', token] as const,
};

export const platformKeys = {
  recoveryRequests: (status: string) => ['recovery-requests', status] as const,
  pendingRecovery: (slug: string) => ['pending-recovery', slug] as const,
  workspaces: (search: string, cursor: string) => ['platform-workspaces', search, cursor] as const,
};

export const webhookKeys = {
  of: (slug: string) => ['webhooks', slug] as const,
  deliveries: (slug: string, webhookId: string) => ['webhook-deliveries', slug, webhookId] as const,
};
