import { createApiKey, listApiKeys, revokeApiKey } from '@gatehouse/services';
import { adminProcedure, router } from '../trpc.ts';
import { proofOf } from '../proof.ts';
import { ApiKeyInput, CreateApiKeyInput, WorkspaceInput } from '../schemas.ts';

/** The workspace's API keys, for scripts and services calling Gatehouse: made and revoked by its admins (people, never keys). */
export const apiKeysRouter = router({
  list: adminProcedure.input(WorkspaceInput).query(({ ctx }) => listApiKeys({ em: ctx.em, membership: ctx.membership })),

  create: adminProcedure.input(CreateApiKeyInput).mutation(({ ctx, input }) =>
    createApiKey({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, proof: proofOf(input), name: input.name, role: input.role, expiresAt: input.expiresAt ? new Date(input.expiresAt) : null }),
  ),

  revoke: adminProcedure.input(ApiKeyInput).mutation(({ ctx, input }) => revokeApiKey({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, apiKeyId: input.apiKeyId })),
});
