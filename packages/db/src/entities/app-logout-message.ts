import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

/**
 * A back-channel logout an app must hear (OpenID Connect Back-Channel Logout
 * 1.0): written in the same transaction as the revocation that causes it, then
 * delivered by any api process (SKIP LOCKED), retried with back-off for a day.
 * The address is kept as it was, so an app removed meanwhile is still told.
 */
export const AppLogoutMessageSchema = defineEntity({
  name: 'AppLogoutMessage',
  tableName: 'app_logout_outbox',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    clientId: p.string().length(40),
    accountId: p.string().length(255),
    workspaceId: p.uuid(),
    uri: p.string().length(500),
    createdAt: p.datetime().onCreate(() => new Date()),
    nextAttemptAt: p.datetime().onCreate(() => new Date()),
    lockedUntil: p.datetime().nullable(),
    attempts: p.integer().default(0),
    lastError: p.string().length(300).nullable(),
    deliveredAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'app_logout_due_idx', properties: ['nextAttemptAt'] }],
});

export class AppLogoutMessage extends AppLogoutMessageSchema.class {}
AppLogoutMessageSchema.setClass(AppLogoutMessage);
