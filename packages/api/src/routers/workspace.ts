import { createWorkspace, getWorkspace, updateWorkspaceSettings } from '@gatehouse/services';
import { adminProcedure, authedProcedure, router, workspaceProcedure } from '../trpc.ts';
import { CreateWorkspaceInput, UpdateSettingsInput, WorkspaceInput } from '../schemas.ts';

export const workspaceRouter = router({
  create: authedProcedure
    .input(CreateWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace({ em: ctx.em, actor: ctx.actor, name: input.name, slug: input.slug })),

  get: workspaceProcedure.input(WorkspaceInput).query(({ ctx }) => getWorkspace({ em: ctx.em, membership: ctx.membership })),

  updateSettings: adminProcedure.input(UpdateSettingsInput).mutation(({ ctx, input }) =>
    updateWorkspaceSettings({
      em: ctx.em,
      actor: ctx.actor,
      membership: ctx.membership,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.slug !== undefined ? { slug: input.slug } : {}),
      ...(input.anyoneCanInvite !== undefined ? { anyoneCanInvite: input.anyoneCanInvite } : {}),
      ...(input.sessionIdleMinutes !== undefined ? { sessionIdleMinutes: input.sessionIdleMinutes } : {}),
    }),
  ),
});
