import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { PLAN_IDS, TWO_FACTOR_REQUIREMENTS, type AllowedWaysIn } from '@gatehouse/domain';
import { Profile } from './profile.ts';

/** A company's space: its own address (slug), plan, settings and members. */
export const WorkspaceSchema = defineEntity({
  name: 'Workspace',
  tableName: 'workspace',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    slug: p.string().length(40).unique('workspace_slug_unique'),
    name: p.string().length(120),
    plan: p.enum(PLAN_IDS).default('free'),
    anyoneCanInvite: p.boolean().default(false),
    /** Idle minutes for browser sessions signed in here; null means the product default (24). */
    sessionIdleMinutes: p.integer().nullable(),
    /** Days the audit trail is kept, as the admins chose; null: the plan's default (domain `auditRetentionDaysOf`). */
    auditRetentionDays: p.integer().nullable(),
    /* The workspace's security policy (domain/security-policy.ts says what each rule means). */
    twoFactorRequiredFor: p.enum(TWO_FACTOR_REQUIREMENTS).default('nobody'),
    twoFactorGraceDays: p.integer().default(14),
    twoFactorRequiredSince: p.datetime().nullable(),
    allowedWaysIn: p.json<AllowedWaysIn>().default('{"admins":null,"members":null}').onCreate(() => ({ admins: null, members: null })),
    /** Hours a browser session signed in here lasts at most; null means the deployment's cap. */
    sessionMaxHours: p.integer().nullable(),
    recentSignInMinutes: p.integer().default(10),
    /**
     * Quick-join link: its secret is an HMAC of (workspace, version) under the
     * server's key, so admins can see the link again while nothing secret is
     * stored. Rotating bumps the version and the old link dies.
     */
    joinLinkVersion: p.integer().default(1),
    joinEnabled: p.boolean().default(false),
    joinRequiresApproval: p.boolean().default(true),
    /** Email domains that join at once when approval is on. */
    // `default` is the column's DDL default; a new entity needs a list of its own, not that text.
    joinAllowedDomains: p.json<string[]>().default('[]').onCreate(() => []),
    joinRole: p.enum(['employee', 'extranet'] as const).default('employee'),
    joinExpiresAt: p.datetime().nullable(),
    /** The creator (first admin) keeps rights no other admin can take away. */
    creator: () => p.manyToOne(Profile).ref(),
    /** Free workspaces nobody signs in to for 50 days are cleaned up. */
    lastSignInAt: p.datetime().onCreate(() => new Date()),
    /** How many cleanup warnings were mailed since the last sign-in (0, 1 at day 40, 2 at day 47). */
    cleanupWarningsSent: p.integer().default(0),
    /** The admin member the creator offered the creator role to, until they accept. */
    creatorTransferTo: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class Workspace extends WorkspaceSchema.class {}
WorkspaceSchema.setClass(Workspace);
