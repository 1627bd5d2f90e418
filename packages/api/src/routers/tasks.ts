import { deleteTask, listTasks } from '@gatehouse/services';
import { adminProcedure, router, workspaceProcedure } from '../trpc.ts';
import { DeleteTaskInput, TasksInput } from '../schemas.ts';

export const tasksRouter = router({
  /** Own tasks, or (admins) a member's. */
  list: workspaceProcedure
    .input(TasksInput)
    .query(({ ctx, input }) => listTasks({ em: ctx.em, membership: ctx.membership, ...(input.memberId ? { memberId: input.memberId } : {}) })),

  delete: adminProcedure.input(DeleteTaskInput).mutation(({ ctx, input }) => deleteTask({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, taskId: input.taskId })),
});
