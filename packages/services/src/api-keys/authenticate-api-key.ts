import { LockMode } from '@mikro-orm/core';
import { hashApiKey } from '@gatehouse/auth';
import { ApiKey, findApiKeyByHash, touchApiKey, type EntityManager } from '@gatehouse/db';
import { AppError, type Locale } from '@gatehouse/domain';
import { addressKey, type KeyActor, type RequestOrigin } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { apiKeyStatus } from './api-key-view.ts';

const refused = () => new AppError('UNAUTHENTICATED', { credential: 'api_key' });

/**
 * The caller of a request that came with an API key, or UNAUTHENTICATED
 * (unknown, revoked and expired keys alike, so the answer tells nothing of
 * which). A failed key counts against the client's address, as a wrong
 * password would; a good key's calls count against the key itself.
 */
export async function authenticateApiKey(options: { em: EntityManager; config: ServiceConfig; key: string; origin: RequestOrigin; locale: Locale }): Promise<KeyActor> {
  const { em, config, origin } = options;
  const address = addressKey(origin);
  await config.limits.check('apiKeyAddress', address);
  const hash = hashApiKey(options.key);
  const record = hash ? await findApiKeyByHash(em, hash) : null;
  if (!record || apiKeyStatus(record) !== 'active') {
    await config.limits.consume('apiKeyAddress', address);
    throw refused();
  }
  await config.limits.consume('apiKeyCalls', record.id);
  await touchApiKey(em, record.id);
  return {
    profileId: null,
    apiKey: { id: record.id, name: record.name, role: record.role, workspaceId: record.workspaceId, workspaceSlug: record.workspaceSlug },
    locale: options.locale,
    origin,
  };
}

/**
 * Inside a change's transaction: the key is read again, locked, so a key
 * revoked (or one whose admin role was never there) a moment ago changes
 * nothing, even in a call that started before the revocation.
 */
export async function assertKeyMayChange(em: EntityManager, caller: KeyActor): Promise<void> {
  const key = await em.findOne(ApiKey, { id: caller.apiKey.id }, { lockMode: LockMode.PESSIMISTIC_READ });
  if (!key || apiKeyStatus(key) !== 'active') throw refused();
  if (key.role !== 'admin') throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
}
