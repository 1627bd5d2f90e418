import { deleteTask, listAuditEvents, listTasks } from '@gatehouse/services';
import { adminProcedure, router, workspaceProcedure } from '../trpc.ts';
import { AuditListInput, DeleteTaskInput, TasksInput } from '../schemas.ts';

export const tasksRouter = router({
  /** Own tasks, or (admins) a member's. */
  list: workspaceProcedure
    .input(TasksInput)
    .query(({ ctx, input }) => listTasks({ em: ctx.em, membership: ctx.membership, ...(input.memberId ? { memberId: input.memberId } : {}) })),

  delete: adminProcedure.input(DeleteTaskInput).mutation(({ ctx, input }) => deleteTask({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, taskId: input.taskId })),
});

export const auditRouter = router({
  list: adminProcedure
    .input(AuditListInput)
    .query(({ ctx, input }) => listAuditEvents({ em: ctx.em, membership: ctx.membership, ...(input.cursor ? { cursor: input.cursor } : {}), limit: input.limit })),
});
