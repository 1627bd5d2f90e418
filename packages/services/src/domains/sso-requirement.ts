import { SsoConnection, WorkspaceDomain, type EntityManager } from '@gatehouse/db';
import { domainOfEmail, normalizeEmail } from '@gatehouse/domain';

/** A workspace that requires its people to sign in through its directory. */
export interface SsoRequirement {
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  domain: string;
}

/**
 * Who decides how an address signs in: the workspace that verified its
 * domain and chose single sign-on for it. The requirement holds only while
 * a connection of that workspace is switched on — never a lock-out in which
 * nobody could sign in at all.
 */
export async function ssoRequirementOf(em: EntityManager, email: string): Promise<SsoRequirement | null> {
  const domain = domainOfEmail(normalizeEmail(email));
  if (!domain) return null;
  const held = await em.findOne(WorkspaceDomain, { domain, verifiedAt: { $ne: null }, joinMode: 'sso' }, { populate: ['workspace'] });
  if (!held || !(await hasSsoConnectionOn(em, held.workspace.id))) return null;
  const workspace = held.workspace.getEntity();
  return { workspaceId: workspace.id, workspaceSlug: workspace.slug, workspaceName: workspace.name, domain };
}

export async function hasSsoConnectionOn(em: EntityManager, workspaceId: string): Promise<boolean> {
  return (await em.count(SsoConnection, { workspace: workspaceId, enabled: true })) > 0;
}
