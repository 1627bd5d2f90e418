import type { WorkspaceApp } from '@gatehouse/db';
import type { AppKind, MemberRole } from '@gatehouse/domain';

/** An app as admins see it: everything but its secret (which is shown once, when made). */
export interface AppView {
  id: string;
  name: string;
  logoUrl: string | null;
  kind: AppKind;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  allowedRoles: MemberRole[];
  skipConsent: boolean;
  disabled: boolean;
  hasSecret: boolean;
  /** The replaced secret still works until then (ISO), or null. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function appView(app: WorkspaceApp, now = new Date()): AppView {
  const overlap = app.previousSecretExpiresAt && app.previousSecretExpiresAt > now ? app.previousSecretExpiresAt.toISOString() : null;
  return {
    id: app.id,
    kind: app.kind,
    ...appSettings(app),
    hasSecret: !!app.secretHash,
    previousSecretExpiresAt: overlap,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}

/** The settings the audit trail compares, from → to, when an app changes. */
export function appSettings(app: WorkspaceApp) {
  return {
    name: app.name,
    logoUrl: app.logoUrl ?? null,
    redirectUris: [...app.redirectUris],
    postLogoutRedirectUris: [...app.postLogoutRedirectUris],
    backchannelLogoutUri: app.backchannelLogoutUri ?? null,
    allowedRoles: [...app.allowedRoles],
    skipConsent: app.skipConsent,
    disabled: !!app.disabledAt,
  };
}
export const APP_SETTINGS = ['name', 'logoUrl', 'redirectUris', 'postLogoutRedirectUris', 'backchannelLogoutUri', 'allowedRoles', 'skipConsent', 'disabled'] as const;
