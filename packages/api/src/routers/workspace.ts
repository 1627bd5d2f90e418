import { createWorkspace, getWorkspace } from '@gatehouse/services';
import { authedProcedure, router, workspaceProcedure } from '../trpc.ts';
import { CreateWorkspaceInput, WorkspaceInput } from '../schemas.ts';

export const workspaceRouter = router({
  create: authedProcedure
    .input(CreateWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace({ em: ctx.em, actor: ctx.actor, name: input.name, slug: input.slug })),

  get: workspaceProcedure.input(WorkspaceInput).query(({ ctx, input }) => getWorkspace({ em: ctx.em, actor: ctx.actor, slug: input.workspace })),
});
