import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { WEBHOOK_DESCRIPTION_MAX_LENGTH, WEBHOOK_URL_MAX_LENGTH } from '@gatehouse/domain';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/**
 * A URL of the company told of the workspace's events, each message signed
 * (Standard Webhooks) with the endpoint's secret — kept sealed, never shown
 * again after it is made. After a rotation the previous secret signs beside
 * the new one until `previousSecretExpiresAt`.
 */
export const WebhookEndpointSchema = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'webhook_endpoint',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    url: p.string().length(WEBHOOK_URL_MAX_LENGTH),
    description: p.string().length(WEBHOOK_DESCRIPTION_MAX_LENGTH).default(''),
    /** The event types it asked for. */
    events: p.json<string[]>().default('[]').onCreate(() => []),
    secretSealed: p.string().length(200),
    previousSecretSealed: p.string().length(200).nullable(),
    previousSecretExpiresAt: p.datetime().nullable(),
    enabled: p.boolean().default(true),
    /** Why it is off: an admin switched it off, or it failed for a day. */
    disabledReason: p.enum(['admin', 'failing'] as const).nullable(),
    /** The first failure since its last success (null: the last attempt succeeded, or none yet). */
    failingSince: p.datetime().nullable(),
    lastSuccessAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [{ name: 'webhook_endpoint_workspace_idx', properties: ['workspace', 'createdAt'] }],
});

export class WebhookEndpoint extends WebhookEndpointSchema.class {}
WebhookEndpointSchema.setClass(WebhookEndpoint);

/**
 * One event of a workspace for its endpoints, written in the same
 * transaction as the change (by the audit trail's record of it). Its `seq`
 * orders a member's events; the senders fan it out to the endpoints that
 * asked for its type, then deliver.
 */
export const WebhookEventSchema = defineEntity({
  name: 'WebhookEvent',
  tableName: 'webhook_event',
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    /** The message id receivers deduplicate by (`webhook-id`), the same on every attempt. */
    id: p.uuid().unique('webhook_event_id_unique').onCreate(() => randomUUID()),
    workspaceId: p.uuid(),
    type: p.string().length(60),
    /** The member it is about: their events reach an endpoint in order. */
    memberId: p.uuid().nullable(),
    /** What the change said (the audit event's details, its actor). */
    data: p.json<Record<string, unknown>>(),
    /** The message as sent, made once at fan-out. */
    payload: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    fannedOutAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'webhook_event_pending_idx', expression: 'create index "webhook_event_pending_idx" on "webhook_event" ("seq") where "fanned_out_at" is null' }],
});

export class WebhookEvent extends WebhookEventSchema.class {}
WebhookEventSchema.setClass(WebhookEvent);

/** One event on its way to one endpoint: tried until it is acknowledged (2xx) or given up after a day. */
export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    endpoint: () => p.manyToOne(WebhookEndpoint).ref().deleteRule('cascade'),
    event: () => p.manyToOne(WebhookEvent).ref().deleteRule('cascade'),
    /** The member the event is about, or the workspace itself: deliveries of one key go out one after the other. */
    orderingKey: p.string().length(40),
    state: p.enum(['pending', 'delivered', 'failed'] as const).default('pending'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().onCreate(() => new Date()),
    lockedUntil: p.datetime().nullable(),
    lastStatus: p.integer().nullable(),
    lastError: p.string().length(300).nullable(),
    lastAttemptAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [
    { name: 'webhook_delivery_due_idx', expression: 'create index "webhook_delivery_due_idx" on "webhook_delivery" ("next_attempt_at") where "state" = \'pending\'' },
    { name: 'webhook_delivery_queue_idx', expression: 'create index "webhook_delivery_queue_idx" on "webhook_delivery" ("endpoint_id", "ordering_key", "event_seq") where "state" = \'pending\'' },
    { name: 'webhook_delivery_endpoint_idx', properties: ['endpoint', 'createdAt'] },
  ],
});

export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);

/** Each attempt of a delivery: when, the status that came back (or why none did), and how long it took. */
export const WebhookAttemptSchema = defineEntity({
  name: 'WebhookAttempt',
  tableName: 'webhook_attempt',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    delivery: () => p.manyToOne(WebhookDelivery).ref().deleteRule('cascade'),
    attemptedAt: p.datetime(),
    status: p.integer().nullable(),
    error: p.string().length(300).nullable(),
    durationMs: p.integer(),
  },
  indexes: [{ name: 'webhook_attempt_delivery_idx', properties: ['delivery', 'attemptedAt'] }],
});

export class WebhookAttempt extends WebhookAttemptSchema.class {}
WebhookAttemptSchema.setClass(WebhookAttempt);
