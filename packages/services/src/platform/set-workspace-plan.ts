import { LockMode } from '@mikro-orm/core';
import { Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, type PlanId } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { countSeatsUsed } from '../workspace/index.ts';
import { workspaceView, type WorkspaceView } from '../shared/views.ts';
import { assertStaff } from './assert-staff.ts';

/** Platform staff change a plan: the seat limit follows at once; a downgrade below use blocks new seats and touches nobody. */
export async function setWorkspacePlan(options: { em: EntityManager; actor: Actor; slug: string; plan: PlanId }): Promise<WorkspaceView> {
  assertStaff(options.actor);
  return options.em.transactional(async (em) => {
    const workspace = await em.findOne(Workspace, { slug: options.slug }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!workspace) throw new AppError('NOT_FOUND');
    const from = workspace.plan;
    workspace.plan = options.plan;
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'workspace.plan_changed', details: { from, to: options.plan } });
    await em.flush();
    return workspaceView(workspace, await countSeatsUsed(em, workspace.id));
  });
}
