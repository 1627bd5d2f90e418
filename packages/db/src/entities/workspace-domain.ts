import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { DOMAIN_JOIN_MODES, DOMAIN_MAX_LENGTH } from '@gatehouse/domain';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/**
 * An email domain a workspace claims. It is verified while the DNS TXT
 * record `_gatehouse-challenge.<domain>` carries its token; only one
 * workspace at a time holds a domain verified (a partial unique index), and
 * the join mode says what a verified domain does for people with an address
 * there.
 */
export const WorkspaceDomainSchema = defineEntity({
  name: 'WorkspaceDomain',
  tableName: 'workspace_domain',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    domain: p.string().length(DOMAIN_MAX_LENGTH),
    /** The random value the TXT record must carry (after `gatehouse-domain-verification=`); not a secret, but unguessable. */
    token: p.string().length(64),
    joinMode: p.enum(DOMAIN_JOIN_MODES).default('none'),
    verifiedAt: p.datetime().nullable(),
    /** The last look at the record, and what it found wrong (null: it was there). */
    checkedAt: p.datetime().nullable(),
    checkProblem: p.string().length(32).nullable(),
    addedBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'workspace_domain_workspace_domain_unique', properties: ['workspace', 'domain'] }],
  indexes: [
    // One verified holder per domain, whoever else claims it meanwhile.
    { name: 'workspace_domain_verified_unique', expression: 'create unique index "workspace_domain_verified_unique" on "workspace_domain" ("domain") where "verified_at" is not null' },
    // The daily re-check walks the verified ones, oldest check first.
    { name: 'workspace_domain_recheck_idx', expression: 'create index "workspace_domain_recheck_idx" on "workspace_domain" ("checked_at") where "verified_at" is not null' },
  ],
});

export class WorkspaceDomain extends WorkspaceDomainSchema.class {}
WorkspaceDomainSchema.setClass(WorkspaceDomain);
