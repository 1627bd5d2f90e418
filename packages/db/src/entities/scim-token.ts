import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/**
 * The bearer token a company's directory provisions one workspace with over
 * SCIM. Shown once; only the SHA-256 of its random part is kept (the lookup),
 * with its first characters for people to tell tokens apart.
 */
export const ScimTokenSchema = defineEntity({
  name: 'ScimToken',
  tableName: 'scim_token',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    name: p.string().length(80),
    secretHash: p.string().length(64).unique('scim_token_secret_hash_unique'),
    hint: p.string().length(16),
    createdBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** Written at most once a minute per token. */
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    revokedBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
  },
  indexes: [{ name: 'scim_token_workspace_idx', properties: ['workspace', 'createdAt'] }],
});

export class ScimToken extends ScimTokenSchema.class {}
ScimTokenSchema.setClass(ScimToken);
