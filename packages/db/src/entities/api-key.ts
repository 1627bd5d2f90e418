import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { API_KEY_ROLES } from '@gatehouse/domain';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/**
 * A workspace's key for scripts and services calling the Gatehouse API. The
 * key itself is a long random value shown once; only its SHA-256 is kept (the
 * lookup), with its first characters for people to tell keys apart.
 */
export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    name: p.string().length(80),
    role: p.enum(API_KEY_ROLES),
    secretHash: p.string().length(64).unique('api_key_secret_hash_unique'),
    /** The key's first characters (`gh_ab12cd`), shown in lists: enough to recognise, far too few to guess the rest. */
    hint: p.string().length(16),
    createdBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().nullable(),
    /** Written at most once a minute per key, so a busy script does not write on every call. */
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    revokedBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
  },
  indexes: [{ name: 'api_key_workspace_idx', properties: ['workspace', 'createdAt'] }],
});

export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
