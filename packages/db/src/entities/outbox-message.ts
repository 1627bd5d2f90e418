import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { LOCALES } from '@gatehouse/domain';

/**
 * A mail waiting to leave, written in the same transaction as the change that
 * causes it. The sender claims due rows with SKIP LOCKED (so any number of api
 * processes share the work), retries with back-off, and wipes the body once
 * delivered: bodies may carry one-time links or a generated password.
 */
export const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox_message',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    toAddress: p.string().length(254),
    kind: p.string().length(64),
    locale: p.enum(LOCALES),
    subject: p.string().length(300),
    textBody: p.text().nullable(),
    htmlBody: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    nextAttemptAt: p.datetime().onCreate(() => new Date()),
    lockedUntil: p.datetime().nullable(),
    attempts: p.integer().default(0),
    lastError: p.string().length(1000).nullable(),
    sentAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'outbox_due_idx', properties: ['nextAttemptAt'], options: {} }],
});

export class OutboxMessage extends OutboxMessageSchema.class {}
OutboxMessageSchema.setClass(OutboxMessage);
