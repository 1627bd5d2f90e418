import { LockMode } from '@mikro-orm/core';
import { hashScimToken } from '@gatehouse/auth';
import { findScimTokenBySecret, ScimToken, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import type { AuditActor } from '../audit/index.ts';

/** The company's directory, calling with one of a workspace's SCIM tokens. */
export interface ScimCaller {
  token: { id: string; name: string };
  workspaceId: string;
  origin: RequestOrigin;
}

/** How the audit trail records what the directory did. */
export function scimAuditActor(caller: ScimCaller): AuditActor {
  return { profileId: null, scimToken: { id: caller.token.id }, origin: caller.origin };
}

const refused = () => new AppError('UNAUTHENTICATED');

/**
 * The caller of a SCIM request, or UNAUTHENTICATED for an unknown or revoked
 * token (alike, so the answer tells nothing). A wrong token counts against
 * the client's address; a good token's calls count against the token. A
 * token only ever opens its own workspace: the path's workspace must be it.
 */
export async function authenticateScim(options: { em: EntityManager; config: ServiceConfig; token: string; workspaceSlug: string; origin: RequestOrigin }): Promise<ScimCaller> {
  const { em, config, origin } = options;
  const address = addressKey(origin);
  await config.limits.check('scimTokenAddress', address);
  const hash = hashScimToken(options.token);
  const record = hash ? await findScimTokenBySecret(em, hash) : null;
  if (!record || record.revokedAt || record.workspaceSlug !== options.workspaceSlug) {
    await config.limits.consume('scimTokenAddress', address);
    throw refused();
  }
  await config.limits.consume('scimCalls', record.id);
  const now = new Date();
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > 60_000) {
    await em.nativeUpdate(ScimToken, { id: record.id }, { lastUsedAt: now });
  }
  return { token: { id: record.id, name: record.name }, workspaceId: record.workspaceId, origin };
}

/** Inside a change's transaction: a token revoked a moment ago changes nothing, even in a call that began before. */
export async function assertScimTokenLive(em: EntityManager, caller: ScimCaller): Promise<void> {
  const token = await em.findOne(ScimToken, { id: caller.token.id }, { lockMode: LockMode.PESSIMISTIC_READ });
  if (!token || token.revokedAt) throw refused();
}
