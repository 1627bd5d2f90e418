import { revokeOidcClientRecords, WorkspaceApp, type EntityManager } from '@gatehouse/db';
import { AppError, appAddressProblems, fieldChanges, type AppKind, type MemberRole } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import type { Membership } from '../members/index.ts';
import { appSecretMatches, newAppId, newAppSecret } from './app-secret.ts';
import { APP_SETTINGS, appSettings, appView, type AppView } from './app-view.ts';

/*
 * The workspace's apps, as its admins register and change them. Every change
 * is in the workspace's audit trail; a secret leaves only in the answer that
 * made it.
 */

/** At most this many apps per workspace: a company's own tools, not a marketplace. */
export const APPS_PER_WORKSPACE = 100;

export interface AppSettingsInput {
  name?: string;
  logoUrl?: string | null;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string | null;
  allowedRoles?: MemberRole[];
  skipConsent?: boolean;
}

interface AdminCall {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
}

function assertAddresses(app: Pick<WorkspaceApp, 'redirectUris' | 'postLogoutRedirectUris' | 'backchannelLogoutUri'>, kind: AppKind): void {
  const fields = appAddressProblems({ redirectUris: app.redirectUris, postLogoutRedirectUris: app.postLogoutRedirectUris, backchannelLogoutUri: app.backchannelLogoutUri ?? null }, kind);
  if (Object.keys(fields).length) throw new AppError('INVALID_INPUT', { fields });
}

const unique = (values: string[]) => [...new Set(values)];

/** Where an app hears of sign-outs, if it listens. */
const logoutOf = (app: WorkspaceApp) => (app.backchannelLogoutUri ? { uri: app.backchannelLogoutUri, workspaceId: app.workspace.id } : null);

export async function listApps(options: { em: EntityManager; membership: Membership }): Promise<AppView[]> {
  const apps = await options.em.find(WorkspaceApp, { workspace: options.membership.access.workspaceId }, { orderBy: { name: 'asc', id: 'asc' } });
  return apps.map((app) => appView(app));
}

/** A new app; a web app or machine client gets its secret, shown this once. */
export async function registerApp(options: AdminCall & { kind: AppKind } & Required<Pick<AppSettingsInput, 'name' | 'redirectUris'>> & AppSettingsInput): Promise<{ app: AppView; secret: string | null }> {
  const { em, actor, membership } = options;
  return em.transactional(async (tx) => {
    const workspaceId = membership.access.workspaceId;
    if ((await tx.count(WorkspaceApp, { workspace: workspaceId })) >= APPS_PER_WORKSPACE) throw new AppError('INVALID_INPUT', { fields: { name: 'too_many' } });
    const secret = options.kind === 'public' ? null : newAppSecret();
    const app = tx.create(WorkspaceApp, {
      id: newAppId(),
      workspace: workspaceId,
      name: options.name,
      logoUrl: options.logoUrl ?? null,
      kind: options.kind,
      redirectUris: options.kind === 'machine' ? [] : unique(options.redirectUris),
      postLogoutRedirectUris: options.kind === 'machine' ? [] : unique(options.postLogoutRedirectUris ?? []),
      backchannelLogoutUri: options.kind === 'machine' ? null : (options.backchannelLogoutUri ?? null),
      allowedRoles: unique(options.allowedRoles ?? ['admin', 'employee', 'extranet']) as MemberRole[],
      skipConsent: options.skipConsent ?? false,
      secretHash: secret?.hash ?? null,
      previousSecretHash: null,
      previousSecretExpiresAt: null,
      disabledAt: null,
      createdBy: actor.profileId,
    });
    assertAddresses(app, app.kind);
    recordAudit(tx, actor, { workspaceId, action: 'app.registered', details: { appId: app.id, name: app.name, kind: app.kind } });
    await tx.flush();
    return { app: appView(app), secret: secret?.secret ?? null };
  });
}

async function findApp(em: EntityManager, membership: Membership, appId: string): Promise<WorkspaceApp> {
  // Another workspace's app is as unknown as one that does not exist.
  const app = await em.findOne(WorkspaceApp, { id: appId, workspace: membership.access.workspaceId });
  if (!app) throw new AppError('NOT_FOUND');
  return app;
}

/** Changes an app's settings; switching it off ends every sign-in and token it holds at once. */
export async function updateApp(options: AdminCall & { appId: string; disabled?: boolean } & AppSettingsInput): Promise<AppView> {
  const { em, actor, membership } = options;
  return em.transactional(async (tx) => {
    const app = await findApp(tx, membership, options.appId);
    const before = appSettings(app);
    if (options.name !== undefined) app.name = options.name;
    if (options.logoUrl !== undefined) app.logoUrl = options.logoUrl;
    if (app.kind !== 'machine') {
      if (options.redirectUris !== undefined) app.redirectUris = unique(options.redirectUris);
      if (options.postLogoutRedirectUris !== undefined) app.postLogoutRedirectUris = unique(options.postLogoutRedirectUris);
      if (options.backchannelLogoutUri !== undefined) app.backchannelLogoutUri = options.backchannelLogoutUri;
    }
    if (options.allowedRoles !== undefined) app.allowedRoles = unique(options.allowedRoles) as MemberRole[];
    if (options.skipConsent !== undefined) app.skipConsent = options.skipConsent;
    if (options.disabled !== undefined) app.disabledAt = options.disabled ? (app.disabledAt ?? new Date()) : null;
    assertAddresses(app, app.kind);
    const changes = fieldChanges(before, appSettings(app), APP_SETTINGS);
    if (Object.keys(changes).length) recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'app.updated', details: { appId: app.id, name: app.name, ...changes } });
    await tx.flush();
    if (options.disabled) await revokeOidcClientRecords(tx, { clientId: app.id, logout: logoutOf(app) });
    return appView(app);
  });
}

/** A new secret, shown once; the old one keeps working for `overlapHours` so the app can be redeployed without a gap. */
export async function rotateAppSecret(options: AdminCall & { appId: string; overlapHours: number; now?: Date }): Promise<{ app: AppView; secret: string }> {
  const { em, actor, membership } = options;
  const now = options.now ?? new Date();
  return em.transactional(async (tx) => {
    const app = await findApp(tx, membership, options.appId);
    if (app.kind === 'public') throw new AppError('INVALID_INPUT', { fields: { appId: 'invalid' } });
    const secret = newAppSecret();
    app.previousSecretHash = options.overlapHours > 0 ? app.secretHash : null;
    app.previousSecretExpiresAt = options.overlapHours > 0 ? new Date(now.getTime() + options.overlapHours * 3_600_000) : null;
    app.secretHash = secret.hash;
    recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'app.secret_rotated', details: { appId: app.id, name: app.name, overlapHours: options.overlapHours } });
    await tx.flush();
    return { app: appView(app, now), secret: secret.secret };
  });
}

/** Removes an app: its grants, codes and tokens go with it, so nobody stays signed in to it through Gatehouse. */
export async function deleteApp(options: AdminCall & { appId: string }): Promise<void> {
  const { em, actor, membership } = options;
  await em.transactional(async (tx) => {
    const app = await findApp(tx, membership, options.appId);
    recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'app.deleted', details: { appId: app.id, name: app.name } });
    const logout = logoutOf(app);
    tx.remove(app);
    await tx.flush();
    await revokeOidcClientRecords(tx, { clientId: app.id, logout });
  });
}

export { appSecretMatches };
