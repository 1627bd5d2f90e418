import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, fieldChanges } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { countSeatsUsed } from './get-workspace.ts';
import { type Membership } from '../members/index.ts';
import { workspaceView, type WorkspaceView } from '../shared/views.ts';

export interface UpdateSettingsOptions {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
  name?: string;
  /** A new address; links containing the old one (the quick-join link, sign-in links) stop working. */
  slug?: string;
  anyoneCanInvite?: boolean;
  /** Browser sessions signed in here end after this many idle minutes; null restores the default (24). */
  sessionIdleMinutes?: number | null;
}

/** What the trail records of a settings change: each setting that changed, from → to (a null idle time is the default). */
function workspaceSettings(workspace: Workspace) {
  return { name: workspace.name, slug: workspace.slug, anyoneCanInvite: workspace.anyoneCanInvite, sessionIdleMinutes: workspace.sessionIdleMinutes ?? null };
}
const WORKSPACE_SETTINGS = ['name', 'slug', 'anyoneCanInvite', 'sessionIdleMinutes'] as const;

export async function updateWorkspaceSettings(options: UpdateSettingsOptions): Promise<WorkspaceView> {
  try {
    return await options.em.transactional(async (em) => {
      const workspace = await em.findOneOrFail(Workspace, { id: options.membership.workspace.id });
      const before = workspaceSettings(workspace);
      if (options.slug !== undefined && options.slug !== workspace.slug && (await em.count(Workspace, { slug: options.slug }))) throw new AppError('SLUG_TAKEN');
      if (options.name !== undefined) workspace.name = options.name.trim();
      if (options.slug !== undefined) workspace.slug = options.slug;
      if (options.anyoneCanInvite !== undefined) workspace.anyoneCanInvite = options.anyoneCanInvite;
      if (options.sessionIdleMinutes !== undefined) workspace.sessionIdleMinutes = options.sessionIdleMinutes;
      const changes = fieldChanges(before, workspaceSettings(workspace), WORKSPACE_SETTINGS);
      if (Object.keys(changes).length) recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'workspace.settings_changed', details: changes });
      await em.flush();
      return workspaceView(workspace, await countSeatsUsed(em, workspace.id));
    });
  } catch (error) {
    // Two renames raced for one address: the unique index decides.
    if (error instanceof UniqueConstraintViolationException) throw new AppError('SLUG_TAKEN');
    throw error;
  }
}
