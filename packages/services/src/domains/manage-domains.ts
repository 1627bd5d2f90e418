import { randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { WorkspaceDomain, type EntityManager } from '@gatehouse/db';
import { AppError, challengeRecordName, challengeRecordValue, DOMAINS_PER_WORKSPACE, normalizeDomain, type DomainJoinMode } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { hasSsoConnectionOn } from './sso-requirement.ts';
import type { Membership } from '../members/index.ts';
import { lookUpChallenge, type ChallengeLookup } from './dns.ts';

/*
 * A workspace's email domains, as its admins add, verify and remove them.
 * Adding one only claims it; it counts once the TXT record proves it, and
 * then only in this workspace (another one claiming it is told DOMAIN_TAKEN).
 */

export interface DomainView {
  id: string;
  domain: string;
  status: 'pending' | 'verified';
  joinMode: DomainJoinMode;
  /** What to put at the DNS provider. */
  record: { type: 'TXT'; name: string; value: string };
  verifiedAt: string | null;
  checkedAt: string | null;
  /** What the last look found wrong: the record missing, another value, or no answer from the DNS. */
  checkProblem: Exclude<ChallengeLookup, 'found'> | 'taken' | null;
}

interface AdminCall {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
}

export function domainView(row: WorkspaceDomain): DomainView {
  return {
    id: row.id,
    domain: row.domain,
    status: row.verifiedAt ? 'verified' : 'pending',
    joinMode: row.joinMode,
    record: { type: 'TXT', name: challengeRecordName(row.domain), value: challengeRecordValue(row.token) },
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    checkedAt: row.checkedAt?.toISOString() ?? null,
    checkProblem: (row.checkProblem as DomainView['checkProblem']) ?? null,
  };
}

async function domainOf(em: EntityManager, membership: Membership, domainId: string): Promise<WorkspaceDomain> {
  const row = await em.findOne(WorkspaceDomain, { id: domainId, workspace: membership.access.workspaceId });
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Verified ones first, then by name. */
export async function listDomains(options: { em: EntityManager; membership: Membership }): Promise<DomainView[]> {
  const rows = await options.em.find(WorkspaceDomain, { workspace: options.membership.access.workspaceId }, { orderBy: { domain: 'asc' }, limit: DOMAINS_PER_WORKSPACE });
  return rows.map(domainView).sort((a, b) => Number(b.status === 'verified') - Number(a.status === 'verified'));
}

/** Claims a domain (an address is taken as its domain) and answers the TXT record that will prove it. */
export async function addDomain(options: AdminCall & { domain: string }): Promise<DomainView> {
  const { em, actor, membership } = options;
  const domain = normalizeDomain(options.domain);
  if (!domain) throw new AppError('INVALID_INPUT', { fields: { domain: 'domain' } });
  const workspaceId = membership.access.workspaceId;
  try {
    return await em.transactional(async (tx) => {
      if ((await tx.count(WorkspaceDomain, { workspace: workspaceId })) >= DOMAINS_PER_WORKSPACE) throw new AppError('INVALID_INPUT', { fields: { domain: 'too_many' } });
      const row = tx.create(WorkspaceDomain, {
        workspace: workspaceId,
        domain,
        token: randomBytes(24).toString('base64url'),
        joinMode: 'none',
        verifiedAt: null,
        checkedAt: null,
        checkProblem: null,
        addedBy: actor.profileId,
      });
      recordAudit(tx, actor, { workspaceId, action: 'domain.added', details: { domain } });
      await tx.flush();
      return domainView(row);
    });
  } catch (error) {
    // This workspace claimed it already: the one claim it has is the answer's subject.
    if (error instanceof UniqueConstraintViolationException) throw new AppError('INVALID_INPUT', { fields: { domain: 'duplicate' } });
    throw error;
  }
}

/**
 * Looks the TXT record up now. Found: the domain is verified here — unless
 * another workspace holds it (DOMAIN_TAKEN). Not found: DOMAIN_NOT_VERIFIED,
 * and the problem is kept for the console to explain. A verified domain
 * checked again stays verified when the DNS does not answer.
 */
export async function verifyDomain(options: AdminCall & { config: ServiceConfig; domainId: string }): Promise<DomainView> {
  const { em, actor, membership, config } = options;
  await config.limits.consume('domainCheck', membership.access.workspaceId);
  const row = await domainOf(em, membership, options.domainId);
  const found = await lookUpChallenge(config.dns, row.domain, row.token);
  row.checkedAt = new Date();
  if (found !== 'found') {
    row.checkProblem = found;
    await em.flush();
    if (!row.verifiedAt) throw new AppError('DOMAIN_NOT_VERIFIED');
    return domainView(row);
  }
  row.checkProblem = null;
  if (row.verifiedAt) {
    await em.flush();
    return domainView(row);
  }
  try {
    await em.transactional(async (tx) => {
      const claimed = await tx.findOneOrFail(WorkspaceDomain, { id: row.id });
      claimed.verifiedAt = new Date();
      claimed.checkedAt = row.checkedAt;
      claimed.checkProblem = null;
      recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'domain.verified', details: { domain: row.domain } });
      await tx.flush();
      row.verifiedAt = claimed.verifiedAt;
    });
  } catch (error) {
    // The partial unique index: another workspace verified it first.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const fresh = em.fork();
    await fresh.nativeUpdate(WorkspaceDomain, { id: row.id }, { checkedAt: row.checkedAt, checkProblem: 'taken' });
    throw new AppError('DOMAIN_TAKEN');
  }
  return domainView(row);
}

/** What a verified domain does for people with an address there; required single sign-on needs a connection switched on. */
export async function updateDomain(options: AdminCall & { domainId: string; joinMode: DomainJoinMode }): Promise<DomainView> {
  const { em, actor, membership } = options;
  return em.transactional(async (tx) => {
    const row = await domainOf(tx, membership, options.domainId);
    // Required single sign-on needs a directory to sign in through, or nobody at the domain could sign in.
    if (options.joinMode === 'sso' && !(await hasSsoConnectionOn(tx, membership.access.workspaceId))) throw new AppError('INVALID_INPUT', { fields: { joinMode: 'sso_connection_missing' } });
    if (row.joinMode !== options.joinMode) {
      recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'domain.updated', details: { domain: row.domain, from: row.joinMode, to: options.joinMode } });
      row.joinMode = options.joinMode;
      await tx.flush();
    }
    return domainView(row);
  });
}

/** Gone from this workspace: another one may verify it from now on. */
export async function removeDomain(options: AdminCall & { domainId: string }): Promise<{ removed: true }> {
  const { em, actor, membership } = options;
  return em.transactional(async (tx) => {
    const row = await domainOf(tx, membership, options.domainId);
    recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'domain.removed', details: { domain: row.domain, wasVerified: !!row.verifiedAt } });
    tx.remove(row);
    await tx.flush();
    return { removed: true as const };
  });
}
