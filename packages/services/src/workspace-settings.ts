import { Workspace, type EntityManager } from '@gatehouse/db';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import { countSeatsUsed } from './get-workspace.ts';
import type { Membership } from './resolve-membership.ts';
import { workspaceView, type WorkspaceView } from './views.ts';

export interface UpdateSettingsOptions {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
  name?: string;
  anyoneCanInvite?: boolean;
  /** Browser sessions signed in here end after this many idle minutes; null restores the default (24). */
  sessionIdleMinutes?: number | null;
}

export async function updateWorkspaceSettings(options: UpdateSettingsOptions): Promise<WorkspaceView> {
  return options.em.transactional(async (em) => {
    const workspace = await em.findOneOrFail(Workspace, { id: options.membership.workspace.id });
    const changes: Record<string, unknown> = {};
    if (options.name !== undefined && options.name.trim() !== workspace.name) workspace.name = changes.name = options.name.trim();
    if (options.anyoneCanInvite !== undefined && options.anyoneCanInvite !== workspace.anyoneCanInvite) workspace.anyoneCanInvite = changes.anyoneCanInvite = options.anyoneCanInvite;
    if (options.sessionIdleMinutes !== undefined && options.sessionIdleMinutes !== workspace.sessionIdleMinutes) {
      workspace.sessionIdleMinutes = changes.sessionIdleMinutes = options.sessionIdleMinutes;
    }
    if (Object.keys(changes).length) recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'workspace.settings_changed', details: changes });
    await em.flush();
    return workspaceView(workspace, await countSeatsUsed(em, workspace.id));
  });
}
