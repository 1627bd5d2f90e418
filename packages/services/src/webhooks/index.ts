export { deliverWebhooks, fanOutWebhookEvents, runWebhookRound, nextWebhookAttempt, WEBHOOK_TIMEOUT_MS } from './deliver-webhooks.ts';
export {
  assertWebhookDestination,
  createWebhook,
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhook,
  removeWebhook,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhook,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookInput,
} from './manage-webhooks.ts';
