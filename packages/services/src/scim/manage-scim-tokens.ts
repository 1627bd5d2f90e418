import { generateScimToken } from '@gatehouse/auth';
import { Profile, ScimToken, type EntityManager } from '@gatehouse/db';
import { AppError, SCIM_TOKENS_PER_WORKSPACE } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import type { Membership } from '../members/index.ts';
import { assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';

/** A token as the console lists it: never the token itself. */
export interface ScimTokenView {
  id: string;
  name: string;
  /** The token's first characters (`ghscim_ab12cd`). */
  hint: string;
  status: 'active' | 'revoked';
  createdAt: string;
  createdBy: { profileId: string; name: string } | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface AdminCall {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
}

function tokenView(token: ScimToken, creatorName: string | null): ScimTokenView {
  return {
    id: token.id,
    name: token.name,
    hint: token.hint,
    status: token.revokedAt ? 'revoked' : 'active',
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdBy ? { profileId: token.createdBy.id, name: creatorName ?? '—' } : null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

async function creatorNames(em: EntityManager, tokens: ScimToken[]): Promise<Map<string, string>> {
  const ids = [...new Set(tokens.map((token) => token.createdBy?.id).filter((id): id is string => !!id))];
  return new Map((ids.length ? await em.find(Profile, { id: { $in: ids } }, { fields: ['id', 'name'] }) : []).map((profile) => [profile.id, profile.name]));
}

/** Live tokens first (newest first), then revoked ones, as a trail of what existed. */
export async function listScimTokens(options: { em: EntityManager; membership: Membership }): Promise<ScimTokenView[]> {
  const tokens = await options.em.find(ScimToken, { workspace: options.membership.access.workspaceId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 200 });
  const names = await creatorNames(options.em, tokens);
  return tokens
    .map((token) => tokenView(token, token.createdBy ? (names.get(token.createdBy.id) ?? null) : null))
    .sort((a, b) => Number(a.status === 'revoked') - Number(b.status === 'revoked'));
}

/** A new token for a directory; it is in this answer and nowhere else. A sensitive change: it asks for a recent sign-in. */
export async function createScimToken(options: AdminCall & { config: ServiceConfig; name: string; proof?: Proof }): Promise<{ scimToken: ScimTokenView; token: string }> {
  const { em, actor, membership } = options;
  await assertRecentSignIn({ em, config: options.config, actor, policy: securityPolicyOf(membership.workspace), proof: options.proof ?? {} });
  return em.transactional(async (tx) => {
    const workspaceId = membership.access.workspaceId;
    if ((await tx.count(ScimToken, { workspace: workspaceId, revokedAt: null })) >= SCIM_TOKENS_PER_WORKSPACE) throw new AppError('INVALID_INPUT', { fields: { name: 'too_many' } });
    const { key, hash, hint } = generateScimToken();
    const token = tx.create(ScimToken, { workspace: workspaceId, name: options.name.trim(), secretHash: hash, hint, createdBy: actor.profileId, lastUsedAt: null, revokedAt: null, revokedBy: null });
    recordAudit(tx, actor, { workspaceId, action: 'scim_token.created', details: { scimTokenId: token.id, name: token.name } });
    await tx.flush();
    const creator = await tx.findOne(Profile, { id: actor.profileId }, { fields: ['name'] });
    return { scimToken: tokenView(token, creator?.name ?? null), token: key };
  });
}

/** Revoked at once: the directory's next call is refused. Revoking twice records nothing more. */
export async function revokeScimToken(options: AdminCall & { scimTokenId: string }): Promise<ScimTokenView> {
  const { em, actor, membership } = options;
  return em.transactional(async (tx) => {
    const token = await tx.findOne(ScimToken, { id: options.scimTokenId, workspace: membership.access.workspaceId });
    if (!token) throw new AppError('NOT_FOUND');
    if (!token.revokedAt) {
      token.revokedAt = new Date();
      token.revokedBy = tx.getReference(Profile, actor.profileId, { wrapped: true });
      recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'scim_token.revoked', details: { scimTokenId: token.id, name: token.name } });
      await tx.flush();
    }
    const names = await creatorNames(tx, [token]);
    return tokenView(token, token.createdBy ? (names.get(token.createdBy.id) ?? null) : null);
  });
}
