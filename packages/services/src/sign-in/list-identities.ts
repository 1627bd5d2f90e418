import { Identity, type EntityManager } from '@gatehouse/db';
import type { Actor } from '../shared/actor.ts';

export interface IdentityView {
  id: string;
  provider: string;
  email: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function listIdentities(options: { em: EntityManager; actor: Actor }): Promise<IdentityView[]> {
  const identities = await options.em.find(Identity, { profile: options.actor.profileId }, { orderBy: { createdAt: 'asc' } });
  return identities.map((identity) => ({
    id: identity.id,
    provider: identity.provider,
    email: identity.email ?? null,
    createdAt: identity.createdAt.toISOString(),
    lastUsedAt: identity.lastUsedAt?.toISOString() ?? null,
  }));
}
