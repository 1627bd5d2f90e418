import {
  createWebhook,
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhook,
  removeWebhook,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhook,
} from '@gatehouse/services';
import { proofOf } from '../proof.ts';
import { adminProcedure, router } from '../trpc.ts';
import { CreateWebhookInput, RedeliverWebhookInput, RotateWebhookSecretInput, UpdateWebhookInput, WebhookDeliveriesInput, WebhookInput, WorkspaceInput } from '../schemas.ts';

/**
 * A workspace's webhook endpoints (Standard Webhooks): the secret appears
 * once, in `create` and `rotateSecret`; deliveries with each attempt, sent
 * again on request; a test event on demand.
 */
export const webhooksRouter = router({
  list: adminProcedure.input(WorkspaceInput).query(({ ctx }) => listWebhooks({ em: ctx.em, membership: ctx.membership })),

  create: adminProcedure.input(CreateWebhookInput).mutation(({ ctx, input }) =>
    createWebhook({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, proof: proofOf(input), input: { url: input.url, description: input.description, events: input.events } }),
  ),

  update: adminProcedure.input(UpdateWebhookInput).mutation(({ ctx, input }) => {
    const { workspace: _workspace, webhookId, ...changes } = input;
    return updateWebhook({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, endpointId: webhookId, input: changes });
  }),

  rotateSecret: adminProcedure.input(RotateWebhookSecretInput).mutation(({ ctx, input }) =>
    rotateWebhookSecret({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, proof: proofOf(input), endpointId: input.webhookId }),
  ),

  deliveries: adminProcedure.input(WebhookDeliveriesInput).query(({ ctx, input }) =>
    listWebhookDeliveries({ em: ctx.em, membership: ctx.membership, endpointId: input.webhookId, limit: input.limit, ...(input.before ? { before: input.before } : {}) }),
  ),

  redeliver: adminProcedure.input(RedeliverWebhookInput).mutation(({ ctx, input }) =>
    redeliverWebhook({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, endpointId: input.webhookId, deliveryId: input.deliveryId }),
  ),

  sendTest: adminProcedure.input(WebhookInput).mutation(({ ctx, input }) => sendTestWebhook({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, endpointId: input.webhookId })),

  remove: adminProcedure.input(WebhookInput).mutation(({ ctx, input }) => removeWebhook({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, endpointId: input.webhookId })),
});
