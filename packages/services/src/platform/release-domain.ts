import { Member, WorkspaceDomain, type EntityManager } from '@gatehouse/db';
import { enqueueMail } from '@gatehouse/mail';
import { AppError, normalizeDomain } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { consoleLink, type ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { assertStaff } from './assert-staff.ts';

/**
 * Platform staff take a verified domain back from the workspace holding it
 * (a company that proves the domain is theirs while the holder does not
 * answer): the holder's claim is removed — its join mode, and any single
 * sign-on requirement, with it — so another workspace may verify it. The
 * holder's admins are told, and the trail of that workspace says who did it.
 */
export async function releaseDomain(options: { em: EntityManager; config: ServiceConfig; actor: Actor; domain: string; reason: string }): Promise<{ domain: string; workspace: { slug: string; name: string } }> {
  assertStaff(options.actor);
  const domain = normalizeDomain(options.domain);
  if (!domain) throw new AppError('INVALID_INPUT', { fields: { domain: 'domain' } });
  return options.em.transactional(async (em) => {
    const held = await em.findOne(WorkspaceDomain, { domain, verifiedAt: { $ne: null } }, { populate: ['workspace'] });
    if (!held) throw new AppError('NOT_FOUND');
    const workspace = held.workspace.getEntity();
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'domain.released', details: { domain, joinMode: held.joinMode, note: options.reason } });
    const admins = await em.find(Member, { workspace: workspace.id, role: 'admin', status: 'active' }, { populate: ['profile'] });
    for (const admin of admins) {
      const to = admin.profile?.getEntity();
      if (!to) continue;
      enqueueMail(em, { to: to.email, kind: 'domain_released', locale: to.locale, params: { workspaceName: workspace.name, domain, reason: options.reason, link: consoleLink(options.config, `/${workspace.slug}/settings`) } });
    }
    em.remove(held);
    await em.flush();
    return { domain, workspace: { slug: workspace.slug, name: workspace.name } };
  });
}
