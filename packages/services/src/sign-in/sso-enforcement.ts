import { Member, type EntityManager, type Profile } from '@gatehouse/db';
import { enqueueMail } from '@gatehouse/mail';
import { AppError, SSO_WAY_IN_PREFIX, type WayIn } from '@gatehouse/domain';
import type { RequestOrigin } from '../shared/actor.ts';
import { consoleLink, type ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { ssoRequirementOf } from '../domains/index.ts';

/**
 * An address whose workspace requires single sign-on signs in only through
 * its directory: a password, a passkey or a social account is refused with
 * SSO_REQUIRED (the sign-in page then offers the directory's button). The
 * one exception is break-glass, for when the directory is down: an active
 * admin of that workspace, asking for it, with their password — noted in the
 * audit trail and mailed to the other admins. Checked only once the first
 * factor is proven, so it tells nothing about an address to someone who
 * does not hold its password.
 */
export async function enforceSsoRequirement(options: { em: EntityManager; config: ServiceConfig; profile: Profile; wayIn: WayIn; breakGlass: boolean; origin: RequestOrigin }): Promise<void> {
  const { em, profile, wayIn } = options;
  if (wayIn.startsWith(SSO_WAY_IN_PREFIX)) return;
  const requirement = await ssoRequirementOf(em, profile.email);
  if (!requirement) return;
  const admin =
    options.breakGlass && wayIn === 'password' ? await em.findOne(Member, { workspace: requirement.workspaceId, profile: profile.id, role: 'admin', status: 'active' }) : null;
  if (!admin) throw new AppError('SSO_REQUIRED');

  const when = new Date();
  recordAudit(em, { profileId: profile.id, origin: options.origin }, { workspaceId: requirement.workspaceId, action: 'sign_in.break_glass', targetProfileId: profile.id, details: { domain: requirement.domain } });
  const others = await em.find(Member, { workspace: requirement.workspaceId, role: 'admin', status: 'active', profile: { $ne: profile.id } }, { populate: ['profile'] });
  for (const other of others) {
    const to = other.profile?.getEntity();
    if (!to) continue;
    enqueueMail(em, {
      to: to.email,
      kind: 'sso_break_glass',
      locale: to.locale,
      params: { workspaceName: requirement.workspaceName, adminName: profile.name, domain: requirement.domain, when, link: consoleLink(options.config, `/${requirement.workspaceSlug}/audit`) },
    });
  }
  await em.flush();
}
