import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent, type EntityManager } from '@gatehouse/db';
import { AppError, fieldChanges, WEBHOOK_ENDPOINTS_PER_WORKSPACE, WEBHOOK_SECRET_OVERLAP_HOURS, WEBHOOK_TEST_EVENT, type WebhookEventType } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import type { Membership } from '../members/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';
import type { Actor } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { isPrivateAddress } from '../shared/outbound.ts';
import { assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { webhookPayload } from './deliver-webhooks.ts';
import { newWebhookSecret, sealWebhookSecret } from './webhook-signing.ts';

/** An endpoint as the console shows it: never its secret. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabledReason: 'admin' | 'failing' | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
  /** While a rotation's overlap lasts, the old secret signs too, until then. */
  previousSecretUntil: string | null;
  createdAt: string;
}

export interface WebhookAttemptView {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDeliveryView {
  id: string;
  /** The message id receivers see as `webhook-id`. */
  messageId: string;
  type: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttemptView[];
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

interface AdminCall {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
}

export interface WebhookInput {
  url: string;
  description: string;
  events: WebhookEventType[];
}

function endpointView(endpoint: WebhookEndpoint, now = new Date()): WebhookEndpointView {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason ?? null,
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    lastSuccessAt: endpoint.lastSuccessAt?.toISOString() ?? null,
    previousSecretUntil: endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? endpoint.previousSecretExpiresAt.toISOString() : null,
    createdAt: endpoint.createdAt.toISOString(),
  };
}

/**
 * Where events may go: https (plain http only with the development switch),
 * no credentials in the address, and no private, loopback or link-local
 * destination — neither written as one nor resolving to one now. The same
 * check runs again on every delivery's own connection (shared/outbound.ts).
 */
export async function assertWebhookDestination(url: string, allowPrivate: boolean): Promise<string> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new AppError('INVALID_INPUT', { fields: { url: 'url' } });
  }
  if (target.username || target.password) throw new AppError('INVALID_INPUT', { fields: { url: 'invalid' } });
  if (target.protocol !== 'https:' && !(allowPrivate && target.protocol === 'http:')) throw new AppError('DESTINATION_NOT_ALLOWED');
  if (!allowPrivate) {
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await lookup(host, { all: true }).then((found) => found.map((entry) => entry.address), () => []);
    if (addresses.some(isPrivateAddress)) throw new AppError('DESTINATION_NOT_ALLOWED');
  }
  target.hash = '';
  return target.toString();
}

async function findEndpoint(em: EntityManager, membership: Membership, endpointId: string): Promise<WebhookEndpoint> {
  const endpoint = await em.findOne(WebhookEndpoint, { id: endpointId, workspace: membership.access.workspaceId });
  if (!endpoint) throw new AppError('NOT_FOUND');
  return endpoint;
}

export async function listWebhooks(options: { em: EntityManager; membership: Membership }): Promise<WebhookEndpointView[]> {
  const endpoints = await options.em.find(WebhookEndpoint, { workspace: options.membership.access.workspaceId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return endpoints.map((endpoint) => endpointView(endpoint));
}

/** A new endpoint; its secret is in this answer and nowhere else. It receives members' data: a recent sign-in is asked for. */
export async function createWebhook(options: AdminCall & { config: ServiceConfig; input: WebhookInput; proof?: Proof }): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const { em, actor, membership, config } = options;
  await assertRecentSignIn({ em, config, actor, policy: securityPolicyOf(membership.workspace), proof: options.proof ?? {} });
  const url = await assertWebhookDestination(options.input.url, config.webhooksAllowPrivate);
  return em.transactional(async (tx) => {
    const workspaceId = membership.access.workspaceId;
    if ((await tx.count(WebhookEndpoint, { workspace: workspaceId })) >= WEBHOOK_ENDPOINTS_PER_WORKSPACE) throw new AppError('INVALID_INPUT', { fields: { url: 'too_many' } });
    const secret = newWebhookSecret();
    const endpoint = tx.create(WebhookEndpoint, {
      workspace: workspaceId,
      url,
      description: options.input.description.trim(),
      events: [...new Set(options.input.events)],
      secretSealed: sealWebhookSecret(config, secret),
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      enabled: true,
      disabledReason: null,
      failingSince: null,
      lastSuccessAt: null,
      createdBy: actor.profileId,
    });
    recordAudit(tx, actor, { workspaceId, action: 'webhook.created', details: { webhookId: endpoint.id, url, events: endpoint.events } });
    await tx.flush();
    return { endpoint: endpointView(endpoint), secret };
  });
}

/** Address, description, events, on or off. Switching a failing endpoint back on starts its count of failures afresh. */
export async function updateWebhook(options: AdminCall & { config: ServiceConfig; endpointId: string; input: Partial<WebhookInput> & { enabled?: boolean } }): Promise<WebhookEndpointView> {
  const { em, actor, membership, config, input } = options;
  const url = input.url === undefined ? undefined : await assertWebhookDestination(input.url, config.webhooksAllowPrivate);
  return em.transactional(async (tx) => {
    const endpoint = await findEndpoint(tx, membership, options.endpointId);
    const before = { url: endpoint.url, description: endpoint.description, events: endpoint.events, enabled: endpoint.enabled };
    if (url !== undefined) endpoint.url = url;
    if (input.description !== undefined) endpoint.description = input.description.trim();
    if (input.events !== undefined) endpoint.events = [...new Set(input.events)];
    if (input.enabled !== undefined && input.enabled !== endpoint.enabled) {
      endpoint.enabled = input.enabled;
      endpoint.disabledReason = input.enabled ? null : 'admin';
      if (input.enabled) endpoint.failingSince = null;
    }
    const changes = fieldChanges(before, endpoint, ['url', 'description', 'events', 'enabled']);
    if (Object.keys(changes).length) recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'webhook.updated', details: { ...changes, url: endpoint.url } });
    await tx.flush();
    return endpointView(endpoint);
  });
}

/** A new secret, shown once; the old one keeps signing beside it for a day, so receivers switch without missing an event. */
export async function rotateWebhookSecret(options: AdminCall & { config: ServiceConfig; endpointId: string; proof?: Proof }): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const { em, actor, membership, config } = options;
  await assertRecentSignIn({ em, config, actor, policy: securityPolicyOf(membership.workspace), proof: options.proof ?? {} });
  return em.transactional(async (tx) => {
    const endpoint = await findEndpoint(tx, membership, options.endpointId);
    const secret = newWebhookSecret();
    endpoint.previousSecretSealed = endpoint.secretSealed;
    endpoint.previousSecretExpiresAt = new Date(Date.now() + WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000);
    endpoint.secretSealed = sealWebhookSecret(config, secret);
    recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'webhook.secret_rotated', details: { webhookId: endpoint.id, url: endpoint.url } });
    await tx.flush();
    return { endpoint: endpointView(endpoint), secret };
  });
}

/** The endpoint and its deliveries go; events keep happening, and nothing is sent there any more. */
export async function removeWebhook(options: AdminCall & { endpointId: string }): Promise<{ removed: true }> {
  const { em, actor, membership } = options;
  return em.transactional(async (tx) => {
    const endpoint = await findEndpoint(tx, membership, options.endpointId);
    recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'webhook.removed', details: { webhookId: endpoint.id, url: endpoint.url } });
    tx.remove(endpoint);
    await tx.flush();
    return { removed: true };
  });
}

/** An endpoint's deliveries, newest first, each with its attempts; `before` pages on (the last one's id). */
export async function listWebhookDeliveries(options: { em: EntityManager; membership: Membership; endpointId: string; limit: number; before?: string }): Promise<{ deliveries: WebhookDeliveryView[]; next: string | null }> {
  const { em } = options;
  const endpoint = await findEndpoint(em, options.membership, options.endpointId);
  const after = options.before ? await em.findOne(WebhookDelivery, { id: options.before, endpoint: endpoint.id }) : null;
  const rows = await em.find(
    WebhookDelivery,
    { endpoint: endpoint.id, ...(after ? { $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }] } : {}) },
    { populate: ['event'], orderBy: { createdAt: 'desc', id: 'desc' }, limit: options.limit + 1 },
  );
  const page = rows.slice(0, options.limit);
  const attempts = page.length ? await em.find(WebhookAttempt, { delivery: { $in: page.map((row) => row.id) } }, { orderBy: { attemptedAt: 'asc' } }) : [];
  const byDelivery = new Map<string, WebhookAttemptView[]>();
  for (const attempt of attempts) {
    byDelivery.set(attempt.delivery.id, [...(byDelivery.get(attempt.delivery.id) ?? []), { at: attempt.attemptedAt.toISOString(), status: attempt.status ?? null, error: attempt.error ?? null, durationMs: attempt.durationMs }]);
  }
  return {
    deliveries: page.map((delivery) => {
      const event = delivery.event.getEntity();
      return {
        id: delivery.id,
        messageId: event.id,
        type: event.type,
        state: delivery.state,
        attempts: byDelivery.get(delivery.id) ?? [],
        nextAttemptAt: delivery.state === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
        deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
        createdAt: delivery.createdAt.toISOString(),
      };
    }),
    next: rows.length > options.limit ? page[page.length - 1]!.id : null,
  };
}

/** The same message (same `webhook-id`, so a receiver that has it already can tell) on its way to the endpoint once more. */
export async function redeliverWebhook(options: AdminCall & { endpointId: string; deliveryId: string }): Promise<{ deliveryId: string }> {
  const { em, actor, membership } = options;
  return em.transactional(async (tx) => {
    const endpoint = await findEndpoint(tx, membership, options.endpointId);
    const original = await tx.findOne(WebhookDelivery, { id: options.deliveryId, endpoint: endpoint.id }, { populate: ['event'] });
    if (!original) throw new AppError('NOT_FOUND');
    const again = tx.create(WebhookDelivery, { endpoint, event: original.event, orderingKey: original.orderingKey, state: 'pending', attempts: 0, lockedUntil: null, lastStatus: null, lastError: null, lastAttemptAt: null, deliveredAt: null });
    recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'webhook.redelivered', details: { webhookId: endpoint.id, url: endpoint.url, type: original.event.getEntity().type, messageId: original.event.getEntity().id } });
    await tx.flush();
    return { deliveryId: again.id };
  });
}

/** A `webhook.test` message for this endpoint alone, delivered like any other. */
export async function sendTestWebhook(options: AdminCall & { endpointId: string }): Promise<{ deliveryId: string }> {
  const { em, membership } = options;
  return em.transactional(async (tx) => {
    const endpoint = await findEndpoint(tx, membership, options.endpointId);
    const workspace = membership.workspace;
    const now = new Date();
    const event = tx.create(WebhookEvent, {
      workspaceId: workspace.id,
      type: WEBHOOK_TEST_EVENT,
      memberId: null,
      data: {},
      payload: null,
      createdAt: now,
      fannedOutAt: now,
    });
    const data = { actor: { type: 'person', id: options.actor.profileId }, profileId: null, details: { endpointId: endpoint.id } };
    event.data = data;
    event.payload = webhookPayload({ seq: 0, id: event.id, type: WEBHOOK_TEST_EVENT, workspaceId: workspace.id, workspaceSlug: workspace.slug, workspaceName: workspace.name, memberId: null, member: null, data, createdAt: now, endpointIds: [] });
    const delivery = tx.create(WebhookDelivery, { endpoint, event, orderingKey: event.id, state: 'pending', attempts: 0, lockedUntil: null, lastStatus: null, lastError: null, lastAttemptAt: null, deliveredAt: null });
    await tx.flush();
    return { deliveryId: delivery.id };
  });
}
