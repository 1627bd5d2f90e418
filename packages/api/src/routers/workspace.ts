import { createWorkspace, getWorkspace, updateWorkspaceSettings } from '@gatehouse/services';
import { adminProcedure, authedProcedure, publicProcedure, router, workspaceProcedure } from '../trpc.ts';
import { describeError } from '@gatehouse/domain';
import { CreateWorkspaceInput, ErrorMessageInput, UpdateSettingsInput, WorkspaceInput } from '../schemas.ts';

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

/** Facts about this deployment that the SPAs show (the development mail inbox). */
export const systemRouter = router({
  info: publicProcedure.query(({ ctx }) => ({ mailInboxPath: ctx.mailInboxPath, socialProviders: ctx.socialProviders })),
  /** The sentence for a code in the caller's language: for errors that arrive by redirect (social sign-in). */
  errorMessage: publicProcedure.input(ErrorMessageInput).query(({ ctx, input }) => ({ message: describeError(input.appCode, {}, ctx.locale) })),
});
