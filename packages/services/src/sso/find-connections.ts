import { SsoConnection, WorkspaceDomain, type EntityManager } from '@gatehouse/db';
import { domainOfEmail, normalizeEmail } from '@gatehouse/domain';
import type { ServiceConfig } from '../shared/config.ts';
import { ssoStartUrl } from './sso-urls.ts';

/** A way to sign in through a workspace's directory, as the portal offers it. */
export interface SsoChoice {
  connectionId: string;
  name: string;
  workspace: { slug: string; name: string };
  startUrl: string;
  /** The address's domain must sign in this way (its join mode is single sign-on). */
  required: boolean;
}

/**
 * The connections a sign-in may go through: those of the workspace whose
 * verified domain the address is at (home realm discovery), or of the
 * workspace named in the link (`?workspace=`). Switched-off ones are not offered.
 */
export async function findSsoChoices(options: { em: EntityManager; config: ServiceConfig; email?: string | null; workspaceSlug?: string | null }): Promise<SsoChoice[]> {
  const { em, config } = options;
  const domain = options.email ? domainOfEmail(normalizeEmail(options.email)) : null;
  const held = domain ? await em.findOne(WorkspaceDomain, { domain, verifiedAt: { $ne: null } }, { populate: ['workspace'] }) : null;
  const where = held ? { workspace: held.workspace.id } : options.workspaceSlug ? { workspace: { slug: options.workspaceSlug } } : null;
  if (!where) return [];
  const connections = await em.find(SsoConnection, { ...where, enabled: true }, { populate: ['workspace'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: 10 });
  return connections.map((connection) => {
    const workspace = connection.workspace.getEntity();
    return {
      connectionId: connection.id,
      name: connection.name,
      workspace: { slug: workspace.slug, name: workspace.name },
      startUrl: ssoStartUrl(config, connection.id),
      required: !!held && held.joinMode === 'sso',
    };
  });
}
