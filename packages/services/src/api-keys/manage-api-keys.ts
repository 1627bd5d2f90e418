import type { ServiceConfig } from '../shared/config.ts';
import { assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';
import { generateApiKey } from '@gatehouse/auth';
import { ApiKey, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, API_KEY_MAX_LIFETIME_DAYS, API_KEYS_PER_WORKSPACE, type ApiKeyRole } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import type { Membership } from '../members/index.ts';
import { apiKeyStatus, apiKeyView, type ApiKeyView } from './api-key-view.ts';

/*
 * A workspace's API keys, as its admins make and revoke them. Only a person
 * manages keys (a key cannot make another); every change is in the audit
 * trail, and a key leaves only in the answer that made it.
 */

interface AdminCall {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Live keys first (newest first), then revoked and expired ones, as a trail of what existed. */
export async function listApiKeys(options: { em: EntityManager; membership: Membership }): Promise<ApiKeyView[]> {
  const keys = await options.em.find(ApiKey, { workspace: options.membership.access.workspaceId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 500 });
  const creatorIds = [...new Set(keys.map((key) => key.createdBy?.id).filter((id): id is string => !!id))];
  const names = new Map((await options.em.find(Profile, { id: { $in: creatorIds } }, { fields: ['id', 'name'] })).map((profile) => [profile.id, profile.name]));
  const order = { active: 0, expired: 1, revoked: 2 } as const;
  return keys
    .map((key) => apiKeyView(key, key.createdBy ? (names.get(key.createdBy.id) ?? null) : null))
    .sort((a, b) => order[a.status] - order[b.status]);
}

/** A new key with a role and, if given, an end; the key is in this answer and nowhere else. */
export async function createApiKey(options: AdminCall & { config: ServiceConfig; name: string; role: ApiKeyRole; expiresAt: Date | null; proof?: Proof }): Promise<{ apiKey: ApiKeyView; key: string }> {
  const { em, actor, membership } = options;
  await assertRecentSignIn({ em, config: options.config, actor, policy: securityPolicyOf(membership.workspace), proof: options.proof ?? {} });
  const now = Date.now();
  if (options.expiresAt && options.expiresAt.getTime() <= now) throw new AppError('INVALID_INPUT', { fields: { expiresAt: 'past' } });
  if (options.expiresAt && options.expiresAt.getTime() > now + API_KEY_MAX_LIFETIME_DAYS * DAY_MS) throw new AppError('INVALID_INPUT', { fields: { expiresAt: 'range' } });
  return em.transactional(async (tx) => {
    const workspaceId = membership.access.workspaceId;
    const live = await tx.count(ApiKey, { workspace: workspaceId, revokedAt: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: new Date() } }] });
    if (live >= API_KEYS_PER_WORKSPACE) throw new AppError('INVALID_INPUT', { fields: { name: 'too_many' } });
    const { key, hash, hint } = generateApiKey();
    const apiKey = tx.create(ApiKey, {
      workspace: workspaceId,
      name: options.name,
      role: options.role,
      secretHash: hash,
      hint,
      createdBy: actor.profileId,
      expiresAt: options.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    });
    recordAudit(tx, actor, {
      workspaceId,
      action: 'api_key.created',
      details: { apiKeyId: apiKey.id, name: apiKey.name, keyRole: apiKey.role, expiresAt: apiKey.expiresAt?.toISOString() ?? null },
    });
    await tx.flush();
    const creator = await tx.findOne(Profile, { id: actor.profileId }, { fields: ['name'] });
    return { apiKey: apiKeyView(apiKey, creator?.name ?? null), key };
  });
}

/** Revoked at once: its next call is refused. Revoking a key already revoked changes nothing and records nothing. */
export async function revokeApiKey(options: AdminCall & { apiKeyId: string }): Promise<ApiKeyView> {
  const { em, actor, membership } = options;
  return em.transactional(async (tx) => {
    const apiKey = await tx.findOne(ApiKey, { id: options.apiKeyId, workspace: membership.access.workspaceId });
    if (!apiKey) throw new AppError('NOT_FOUND');
    if (apiKeyStatus(apiKey) !== 'revoked') {
      apiKey.revokedAt = new Date();
      apiKey.revokedBy = tx.getReference(Profile, actor.profileId, { wrapped: true });
      recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'api_key.revoked', details: { apiKeyId: apiKey.id, name: apiKey.name } });
      await tx.flush();
    }
    const creator = apiKey.createdBy ? await tx.findOne(Profile, { id: apiKey.createdBy.id }, { fields: ['name'] }) : null;
    return apiKeyView(apiKey, creator?.name ?? null);
  });
}
