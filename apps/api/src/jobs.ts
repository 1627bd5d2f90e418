import { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { errorSummary, isDatabaseUnavailable, type Orm } from '@gatehouse/db';
import { announceExpiredInvitations, purgeExpired, recheckDomains, rotateSigningKeys, runAbandonedCleanup, type ServiceConfig } from '@gatehouse/services';
import { RETIRED_KEY_PUBLISHED_MS } from '@gatehouse/api';

/** Background work, coordinated through PostgreSQL by pg-boss so any number of api processes can run it. */
export const JOBS = {
  /** Free workspaces silent for 40/47 days are warned, for 50 deleted. Daily. */
  abandonedCleanup: { name: 'abandoned-cleanup', cron: '17 3 * * *' },
  /** Invitations that just expired are announced (audit, webhooks); expired sessions, challenges, links, long-expired invitations and audit events past their workspace's retention go. Every 15 minutes. */
  purgeExpired: { name: 'purge-expired', cron: '*/15 * * * *' },
  /** A delivery round every minute, in case a nudge was missed (each process also sends right after its own changes). */
  mailOutbox: { name: 'mail-outbox', cron: '* * * * *' },
  /** The issuer's signing keys are replaced on the 1st of each month; the old ones stay published until their tokens expired. */
  rotateSigningKeys: { name: 'rotate-signing-keys', cron: '41 4 1 * *' },
  /** Verified domains whose TXT record was last seen a day ago are looked up again; a record gone unverifies its domain. Hourly, a slice each time. */
  recheckDomains: { name: 'recheck-domains', cron: '23 * * * *' },
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS]['name'];

export interface Jobs {
  /** Queues a run now; a run already queued is not queued twice. */
  trigger(name: JobName): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobs(options: { databaseUrl: string; orm: Orm; config: ServiceConfig; logger: Logger; deliverMail: () => Promise<number> }): Promise<Jobs> {
  const { orm, config, logger } = options;
  const boss = new PgBoss({ connectionString: options.databaseUrl, schema: 'pgboss', max: 4 });
  // A lost database is a warning (the queue reconnects by itself); anything else an error.
  boss.on('error', (error) => (isDatabaseUnavailable(error) ? logger.warn({ err: errorSummary(error) }, 'job queue: database unreachable') : logger.error({ err: error }, 'job queue error')));
  await boss.start();

  const handlers: Record<JobName, () => Promise<object>> = {
    'abandoned-cleanup': async () => {
      const report = await runAbandonedCleanup({ em: orm.em.fork(), config, now: new Date() });
      // Warnings leave now rather than at the next delivery round.
      if (report.warned.length) await options.deliverMail();
      return report;
    },
    'purge-expired': async () => {
      const now = new Date();
      const invitationsAnnounced = await announceExpiredInvitations({ em: orm.em.fork(), now });
      return { invitationsAnnounced, ...(await purgeExpired({ em: orm.em.fork(), now })) };
    },
    'mail-outbox': async () => ({ delivered: await options.deliverMail() }),
    'rotate-signing-keys': () => rotateSigningKeys({ em: orm.em.fork(), appSecret: config.appSecret, keepPublishedMs: RETIRED_KEY_PUBLISHED_MS }),
    'recheck-domains': async () => {
      const report = await recheckDomains({ em: orm.em.fork(), config, now: new Date() });
      if (report.unverified.length) await options.deliverMail();
      return report;
    },
  };
  for (const { name, cron } of Object.values(JOBS)) {
    // "stately": at most one queued and one active run, so two processes never run a job at the same time.
    await boss.createQueue(name, { policy: 'stately', retryLimit: 3, retryDelay: 60 });
    await boss.schedule(name, cron);
    await boss.work(name, async () => {
      const result = await handlers[name]();
      logger.info({ job: name, result }, 'job done');
      return result;
    });
  }
  return {
    async trigger(name) {
      await boss.send(name, {}, { singletonKey: name });
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
