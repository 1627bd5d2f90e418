import { getJoinLink, joinWorkspace, previewJoinLink, rotateJoinLink, updateJoinLink } from '@gatehouse/services';
import { adminProcedure, publicProcedure, router } from '../trpc.ts';
import { InvitationTokenInput, JoinInput, UpdateJoinLinkInput, WorkspaceInput } from '../schemas.ts';
import { optionalActor } from '../actor.ts';

export const joinLinkRouter = router({
  get: adminProcedure.input(WorkspaceInput).query(({ ctx }) => getJoinLink({ config: ctx.config, membership: ctx.membership })),

  update: adminProcedure.input(UpdateJoinLinkInput).mutation(({ ctx, input }) =>
    updateJoinLink({
      em: ctx.em,
      actor: ctx.actor,
      config: ctx.config,
      membership: ctx.membership,
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.requiresApproval !== undefined ? { requiresApproval: input.requiresApproval } : {}),
      ...(input.allowedDomains !== undefined ? { allowedDomains: input.allowedDomains } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt ? new Date(input.expiresAt) : null } : {}),
    }),
  ),

  rotate: adminProcedure.input(WorkspaceInput).mutation(({ ctx }) => rotateJoinLink({ em: ctx.em, actor: ctx.actor, config: ctx.config, membership: ctx.membership })),

  preview: publicProcedure.input(InvitationTokenInput).query(({ ctx, input }) => previewJoinLink({ em: ctx.em, config: ctx.config, token: input.token, origin: ctx.origin })),

  join: publicProcedure.input(JoinInput).mutation(({ ctx, input }) =>
    joinWorkspace({
      em: ctx.em,
      config: ctx.config,
      token: input.token,
      actor: optionalActor(ctx),
      ...(input.email ? { email: input.email } : {}),
      ...(input.name ? { name: input.name } : {}),
      ...(input.password ? { password: input.password } : {}),
      locale: ctx.locale,
      origin: ctx.origin,
    }),
  ),
});
