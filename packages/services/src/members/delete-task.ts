import { Task, type EntityManager } from '@gatehouse/db';
import { AppError, isActiveAdmin } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import type { Membership } from './resolve-membership.ts';

/** Deleting (not finishing) a task is what unblocks deleting an invited member. */
export async function deleteTask(options: { em: EntityManager; actor: Actor; membership: Membership; taskId: string }): Promise<{ deleted: true }> {
  const { membership } = options;
  if (!isActiveAdmin(membership.member)) throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
  return options.em.transactional(async (em) => {
    const task = await em.findOne(Task, { id: options.taskId, workspace: membership.workspace.id });
    if (!task) throw new AppError('NOT_FOUND');
    recordAudit(em, options.actor, { workspaceId: membership.workspace.id, action: 'task.deleted', targetMemberId: task.assignee.id, details: { title: task.title } });
    em.remove(task);
    await em.flush();
    return { deleted: true };
  });
}
