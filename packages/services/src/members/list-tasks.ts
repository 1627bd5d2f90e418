import { Member, Task, type EntityManager } from '@gatehouse/db';
import { AppError, isActiveAdmin } from '@gatehouse/domain';
import type { Membership } from './resolve-membership.ts';

export interface TaskView {
  id: string;
  memberId: string;
  kind: string;
  title: string;
  completedAt: string | null;
  createdAt: string;
}

/** A member's own tasks, or (admins) anyone's in the workspace. */
export async function listTasks(options: { em: EntityManager; membership: Membership; memberId?: string }): Promise<TaskView[]> {
  const { membership } = options;
  const memberId = options.memberId ?? membership.member.id;
  if (memberId !== membership.member.id && !isActiveAdmin(membership.member)) throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
  if (!(await options.em.count(Member, { id: memberId, workspace: membership.workspace.id }))) throw new AppError('NOT_FOUND');
  const tasks = await options.em.find(Task, { assignee: memberId, workspace: membership.workspace.id }, { orderBy: { createdAt: 'asc' }, limit: 500 });
  return tasks.map((task) => ({
    id: task.id,
    memberId,
    kind: task.kind,
    title: task.title,
    completedAt: task.completedAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
  }));
}
