import { createScimToken, listDirectoryGroups, listScimTokens, mapDirectoryGroup, revokeScimToken } from '@gatehouse/services';
import { adminProcedure, router } from '../trpc.ts';
import { proofOf } from '../proof.ts';
import { CreateScimTokenInput, MapDirectoryGroupInput, ScimTokenInput, WorkspaceInput } from '../schemas.ts';

/**
 * What an admin manages of SCIM provisioning: the directory's bearer tokens
 * (shown once, stored hashed) and which directory groups grant which role.
 * The directory itself talks to `/scim/v2/<workspace>`.
 */
export const scimRouter = router({
  tokens: adminProcedure.input(WorkspaceInput).query(({ ctx }) => listScimTokens({ em: ctx.em, membership: ctx.membership })),

  createToken: adminProcedure.input(CreateScimTokenInput).mutation(({ ctx, input }) =>
    createScimToken({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, proof: proofOf(input), name: input.name }),
  ),

  revokeToken: adminProcedure.input(ScimTokenInput).mutation(({ ctx, input }) => revokeScimToken({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, scimTokenId: input.scimTokenId })),

  groups: adminProcedure.input(WorkspaceInput).query(({ ctx }) => listDirectoryGroups({ em: ctx.em, membership: ctx.membership })),

  mapGroup: adminProcedure.input(MapDirectoryGroupInput).mutation(({ ctx, input }) =>
    mapDirectoryGroup({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, groupId: input.groupId, role: input.role }),
  ),
});
