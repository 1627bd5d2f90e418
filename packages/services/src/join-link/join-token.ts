import { derivedSecret, derivedSecretMatches } from '@gatehouse/auth';
import { Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, emailDomain } from '@gatehouse/domain';
import { portalLink, type ServiceConfig } from '../shared/config.ts';

export interface JoinLinkView {
  url: string;
  enabled: boolean;
  requiresApproval: boolean;
  allowedDomains: string[];
  role: 'employee' | 'extranet';
  expiresAt: string | null;
}

export function joinSecret(config: ServiceConfig, workspace: Pick<Workspace, 'id' | 'joinLinkVersion'>): string {
  return derivedSecret(config.appSecret, `join:${workspace.id}:${workspace.joinLinkVersion}`);
}

/** `<slug>.<version>.<mac>`: says which workspace and which version of its link, and proves it. */
export function joinToken(config: ServiceConfig, workspace: Workspace): string {
  return `${workspace.slug}.${workspace.joinLinkVersion}.${joinSecret(config, workspace)}`;
}

export function joinLinkView(config: ServiceConfig, workspace: Workspace): JoinLinkView {
  return {
    url: portalLink(config, '/join', joinToken(config, workspace)),
    enabled: workspace.joinEnabled,
    requiresApproval: workspace.joinRequiresApproval,
    allowedDomains: workspace.joinAllowedDomains,
    role: workspace.joinRole,
    expiresAt: workspace.joinExpiresAt?.toISOString() ?? null,
  };
}

/** The workspace a presented link opens, or why it does not. */
export async function workspaceOfLink(em: EntityManager, config: ServiceConfig, token: string): Promise<Workspace> {
  const [slug = '', version, mac = ''] = token.split('.');
  const workspace = slug ? await em.findOne(Workspace, { slug }) : null;
  if (!workspace || String(workspace.joinLinkVersion) !== version || !derivedSecretMatches(config.appSecret, `join:${workspace.id}:${workspace.joinLinkVersion}`, mac)) {
    throw new AppError('TOKEN_INVALID');
  }
  if (!workspace.joinEnabled) throw new AppError('TOKEN_INVALID', { linkSwitchedOff: true });
  if (workspace.joinExpiresAt && workspace.joinExpiresAt.getTime() <= Date.now()) throw new AppError('TOKEN_EXPIRED');
  return workspace;
}

/** Whether a joiner with this (verified) address gets in at once or waits for an admin. */
export function statusAfterVerification(workspace: Workspace, email: string): 'active' | 'awaiting_approval' {
  if (!workspace.joinRequiresApproval) return 'active';
  return workspace.joinAllowedDomains.includes(emailDomain(email)) ? 'active' : 'awaiting_approval';
}
