import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

/** Who did what to whom, when and from where. Ids, not relations: events outlive what they mention. */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    /** Null for network-level events (a sign-up, a profile's own password change). */
    workspaceId: p.uuid().nullable(),
    actorProfileId: p.uuid().nullable(),
    /** The API key that acted, when no person did. */
    actorApiKeyId: p.uuid().nullable(),
    /** The SCIM token the company's directory acted with. */
    actorScimTokenId: p.uuid().nullable(),
    action: p.string().length(64),
    targetMemberId: p.uuid().nullable(),
    targetProfileId: p.uuid().nullable(),
    details: p.json<Record<string, unknown>>().nullable(),
    ipAddress: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
    /** The request's id (the `X-Request-Id` header and every log line of that request). */
    requestId: p.string().length(64).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [
    { name: 'audit_workspace_idx', properties: ['workspaceId', 'createdAt', 'id'] },
    { name: 'audit_profile_idx', properties: ['targetProfileId', 'createdAt'] },
  ],
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
