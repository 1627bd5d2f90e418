import { Member, WorkspaceDomain, type EntityManager } from '@gatehouse/db';
import { challengeRecordName, DOMAIN_RECHECK_INTERVAL_MS } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { consoleLink, type ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { lookUpChallenge } from './dns.ts';

/** How many verified domains one run looks at; the rest wait for the next run. */
const RUN_SIZE = 500;

/**
 * The daily look at every verified domain whose record was last seen a day
 * ago or more. A record gone (or changed) unverifies the domain, audited and
 * mailed to the workspace's admins; a DNS that does not answer proves nothing
 * and changes nothing but the note of the check.
 */
export async function recheckDomains(options: { em: EntityManager; config: ServiceConfig; now: Date }): Promise<{ checked: number; unverified: string[] }> {
  const { em, config, now } = options;
  const due = await em.find(
    WorkspaceDomain,
    { verifiedAt: { $ne: null }, $or: [{ checkedAt: null }, { checkedAt: { $lte: new Date(now.getTime() - DOMAIN_RECHECK_INTERVAL_MS) } }] },
    { populate: ['workspace'], orderBy: { checkedAt: 'asc' }, limit: RUN_SIZE },
  );
  const unverified: string[] = [];
  for (const row of due) {
    const found = await lookUpChallenge(config.dns, row.domain, row.token);
    row.checkedAt = now;
    row.checkProblem = found === 'found' ? null : found;
    if (found !== 'missing' && found !== 'wrong_value') {
      await em.flush();
      continue;
    }
    const workspace = row.workspace.getEntity();
    await em.transactional(async (tx) => {
      const domain = await tx.findOneOrFail(WorkspaceDomain, { id: row.id });
      domain.verifiedAt = null;
      domain.checkedAt = now;
      domain.checkProblem = found;
      recordAudit(tx, null, { workspaceId: workspace.id, action: 'domain.unverified', details: { domain: row.domain, problem: found } });
      const admins = await tx.find(Member, { workspace: workspace.id, role: 'admin', status: 'active' }, { populate: ['profile'] });
      for (const admin of admins) {
        const profile = admin.profile?.getEntity();
        if (!profile) continue;
        enqueueMail(tx, {
          to: profile.email,
          kind: 'domain_unverified',
          locale: profile.locale,
          params: { workspaceName: workspace.name, domain: row.domain, recordName: challengeRecordName(row.domain), link: consoleLink(config, `/${workspace.slug}/settings`) },
        });
      }
      await tx.flush();
    });
    unverified.push(row.domain);
  }
  return { checked: due.length, unverified };
}
