import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, auditRetentionDaysOf, fieldChanges } from '@gatehouse/domain';
import type { ServiceConfig } from '../shared/config.ts';
import { assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';
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
  /** Days the audit trail is kept; null restores the plan's default (forever on paid plans, a year on free ones). */
  auditRetentionDays?: number | null;
  config: ServiceConfig;
  proof?: Proof;
}

/** Whether keeping the trail for `next` days (null: forever) erases events `current` keeps. */
function shortens(current: number | null, next: number | null): boolean {
  return next !== null && (current === null || next < current);
}

/** What the trail records of a settings change: each setting that changed, from → to (a null idle time is the default). */
function workspaceSettings(workspace: Workspace) {
  return {
    name: workspace.name,
    slug: workspace.slug,
    anyoneCanInvite: workspace.anyoneCanInvite,
    sessionIdleMinutes: workspace.sessionIdleMinutes ?? null,
    auditRetentionDays: workspace.auditRetentionDays ?? null,
  };
}
const WORKSPACE_SETTINGS = ['name', 'slug', 'anyoneCanInvite', 'sessionIdleMinutes', 'auditRetentionDays'] as const;

export async function updateWorkspaceSettings(options: UpdateSettingsOptions): Promise<WorkspaceView> {
  const workspace = options.membership.workspace;
  if (options.auditRetentionDays !== undefined && shortens(auditRetentionDaysOf(workspace.plan, workspace.auditRetentionDays), auditRetentionDaysOf(workspace.plan, options.auditRetentionDays))) {
    await assertRecentSignIn({ em: options.em, config: options.config, actor: options.actor, policy: securityPolicyOf(workspace), proof: options.proof ?? {} });
  }
  try {
    return await options.em.transactional(async (em) => {
      const workspace = await em.findOneOrFail(Workspace, { id: options.membership.workspace.id });
      const before = workspaceSettings(workspace);
      if (options.slug !== undefined && options.slug !== workspace.slug && (await em.count(Workspace, { slug: options.slug }))) throw new AppError('SLUG_TAKEN');
      if (options.name !== undefined) workspace.name = options.name.trim();
      if (options.slug !== undefined) workspace.slug = options.slug;
      if (options.anyoneCanInvite !== undefined) workspace.anyoneCanInvite = options.anyoneCanInvite;
      if (options.sessionIdleMinutes !== undefined) workspace.sessionIdleMinutes = options.sessionIdleMinutes;
      if (options.auditRetentionDays !== undefined) workspace.auditRetentionDays = options.auditRetentionDays;
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
