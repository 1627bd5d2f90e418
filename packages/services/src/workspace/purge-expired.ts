import { deleteAuditBeyondRetention, deleteExpiredRows, workspacesWithLimitedAudit, type EntityManager } from '@gatehouse/db';
import { auditRetentionDaysOf, PLAN_IDS, type PlanId } from '@gatehouse/domain';

export interface PurgeReport {
  sessions: number;
  /** Second-step and passkey ceremonies never finished. */
  challenges: number;
  tokens: number;
  invitations: number;
  mail: number;
  /** Expired codes, tokens and sessions of the OpenID Connect provider. */
  oidc: number;
  /** SAML assertions remembered against replay, once past their expiry. */
  samlAssertions: number;
  /** Old webhook deliveries, and events no endpoint still holds. */
  webhooks: number;
  /** Audit events older than their workspace keeps them. */
  auditEvents: number;
}

const DAY_MS = 86_400_000;
/** An invitation nobody accepted is removed this long after it expired, freeing its seat. */
export const EXPIRED_INVITATION_GRACE_DAYS = 30;
/** Delivered (or given-up) mail is kept this long for the admin's questions, then removed. */
const MAIL_KEPT_DAYS = 30;

/** Removes what has expired: sessions, second-factor challenges, used or dead links, long-expired invitations, old delivered mail, the provider's expired records. */
export async function purgeExpired(options: { em: EntityManager; now: Date }): Promise<PurgeReport> {
  const { now } = options;
  const expired = await deleteExpiredRows(options.em, {
    now,
    linksBefore: new Date(now.getTime() - DAY_MS),
    invitationsExpiredBefore: new Date(now.getTime() - EXPIRED_INVITATION_GRACE_DAYS * DAY_MS),
    mailBefore: new Date(now.getTime() - MAIL_KEPT_DAYS * DAY_MS),
  });
  return { ...expired, auditEvents: await purgeAuditBeyondRetention(options.em, now) };
}

const RETENTION_PAGE = 5000;
/** The plans that keep a limited trail even when nobody chose a time (the free one), as the domain's rule says. */
const LIMITED_PLANS = PLAN_IDS.filter((plan) => auditRetentionDaysOf(plan, null) !== null);

/** Each workspace's audit trail cut to its retention (domain `auditRetentionDaysOf`), a page of workspaces at a time. */
async function purgeAuditBeyondRetention(em: EntityManager, now: Date): Promise<number> {
  let removed = 0;
  let afterId: string | null = null;
  for (;;) {
    const page: Awaited<ReturnType<typeof workspacesWithLimitedAudit>> = await workspacesWithLimitedAudit(em, { limitedPlans: LIMITED_PLANS, afterId, limit: RETENTION_PAGE });
    const retention = page.flatMap((workspace) => {
      const days = auditRetentionDaysOf(workspace.plan as PlanId, workspace.auditRetentionDays);
      return days === null ? [] : [{ workspaceId: workspace.id, days }];
    });
    removed += await deleteAuditBeyondRetention(em, now, retention);
    if (page.length < RETENTION_PAGE) return removed;
    afterId = page[page.length - 1]!.id;
  }
}
