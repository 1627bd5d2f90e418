import { LockMode } from '@mikro-orm/core';
import { Member, Workspace, type EntityManager } from '@gatehouse/db';
import { ABANDONED_AFTER_DAYS, CLEANED_UP_PLANS, CLEANUP_WARNING_DAYS, cleanupStep } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';

const DAY_MS = 86_400_000;

export interface CleanupReport {
  warned: string[];
  deleted: string[];
}

/**
 * One pass of the abandoned-workspace cleanup at `now` (a parameter so tests
 * control the clock): free workspaces silent since the first warning day get
 * their due warning mailed to every active admin, and those silent for 50
 * days are deleted with all their data — members' profiles stay. Each
 * workspace is handled in its own transaction.
 */
export async function runAbandonedCleanup(options: { em: EntityManager; config: ServiceConfig; now: Date; batch?: number }): Promise<CleanupReport> {
  const { config, now } = options;
  const report: CleanupReport = { warned: [], deleted: [] };
  const silentSince = new Date(now.getTime() - CLEANUP_WARNING_DAYS[0] * DAY_MS);
  const candidates = await options.em.fork().find(Workspace, { plan: { $in: [...CLEANED_UP_PLANS] }, lastSignInAt: { $lte: silentSince } }, { limit: options.batch ?? 500, orderBy: { lastSignInAt: 'asc' } });
  for (const candidate of candidates) {
    await options.em.fork().transactional(async (em) => {
      // Read again under a lock: a sign-in since the list was read resets the clock.
      const workspace = await em.findOne(Workspace, { id: candidate.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!workspace) return;
      const step = cleanupStep(workspace, now);
      if (!step) return;
      if (step.kind === 'delete') {
        recordAudit(em, null, {
          workspaceId: null,
          action: 'workspace.deleted_abandoned',
          details: { workspaceId: workspace.id, slug: workspace.slug, name: workspace.name, lastSignInAt: workspace.lastSignInAt.toISOString(), silentDays: ABANDONED_AFTER_DAYS },
        });
        em.remove(workspace);
        await em.flush();
        report.deleted.push(workspace.slug);
        return;
      }
      const admins = await em.find(Member, { workspace: workspace.id, role: 'admin', status: 'active' }, { populate: ['profile'] });
      for (const admin of admins) {
        const profile = admin.profile?.getEntity();
        if (!profile) continue;
        enqueueMail(em, {
          to: profile.email,
          kind: 'workspace_cleanup_warning',
          locale: profile.locale,
          params: { workspaceName: workspace.name, daysLeft: step.daysLeft, link: portalLink(config, `/signin?workspace=${workspace.slug}`) },
        });
      }
      workspace.cleanupWarningsSent = step.warning;
      recordAudit(em, null, { workspaceId: workspace.id, action: 'workspace.cleanup_warned', details: { warning: step.warning, daysLeft: step.daysLeft } });
      await em.flush();
      report.warned.push(workspace.slug);
    });
  }
  return report;
}
