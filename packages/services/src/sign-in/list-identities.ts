import { Identity, SsoConnection, type EntityManager } from '@gatehouse/db';
import { SSO_WAY_IN_PREFIX } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';

export interface IdentityView {
  id: string;
  provider: string;
  email: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  /** A company directory's link (single sign-on): which connection, of which workspace; the company manages it. */
  directory: { name: string; workspaceName: string } | null;
}

export async function listIdentities(options: { em: EntityManager; actor: Pick<Actor, 'profileId'> }): Promise<IdentityView[]> {
  const identities = await options.em.find(Identity, { profile: options.actor.profileId }, { orderBy: { createdAt: 'asc' } });
  const connectionIds = identities.filter((identity) => identity.provider.startsWith(SSO_WAY_IN_PREFIX)).map((identity) => identity.provider.slice(SSO_WAY_IN_PREFIX.length));
  const connections = connectionIds.length ? await options.em.find(SsoConnection, { id: { $in: connectionIds } }, { populate: ['workspace'] }) : [];
  const directoryOf = (provider: string) => {
    const connection = provider.startsWith(SSO_WAY_IN_PREFIX) ? connections.find((candidate) => candidate.id === provider.slice(SSO_WAY_IN_PREFIX.length)) : undefined;
    return connection ? { name: connection.name, workspaceName: connection.workspace.getEntity().name } : null;
  };
  return identities.map((identity) => ({
    id: identity.id,
    provider: identity.provider,
    email: identity.email ?? null,
    createdAt: identity.createdAt.toISOString(),
    lastUsedAt: identity.lastUsedAt?.toISOString() ?? null,
    directory: directoryOf(identity.provider),
  }));
}
