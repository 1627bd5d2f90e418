import { findGrantedApps, revokeOidcAccountRecords, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';

/** An app the person let in, as the portal lists it. */
export interface GrantedAppView {
  appId: string;
  name: string;
  logoUrl: string | null;
  workspace: { slug: string; name: string };
  grantedAt: string;
}

/** The apps of every workspace the person gave access to through Gatehouse. */
export async function listGrantedApps(options: { em: EntityManager; actor: Pick<Actor, 'profileId'> }): Promise<GrantedAppView[]> {
  const apps = await findGrantedApps(options.em, options.actor.profileId);
  return apps.map((app) => ({ appId: app.appId, name: app.appName, logoUrl: app.logoUrl, workspace: { slug: app.workspaceSlug, name: app.workspaceName }, grantedAt: app.grantedAt.toISOString() }));
}

/**
 * Takes back what the person gave an app: its grant, and the tokens made
 * under it, so the app must ask again (and it is told on its back-channel).
 */
export async function revokeGrantedApp(options: { em: EntityManager; actor: Actor; appId: string }): Promise<void> {
  const granted = await findGrantedApps(options.em, options.actor.profileId);
  // An app the person never let in is as unknown as one that does not exist.
  if (!granted.some((app) => app.appId === options.appId)) throw new AppError('NOT_FOUND');
  await revokeOidcAccountRecords(options.em, { accountId: options.actor.profileId, workspaceId: null, clientId: options.appId });
}
