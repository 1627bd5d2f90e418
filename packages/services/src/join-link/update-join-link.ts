import { Workspace, type EntityManager } from '@gatehouse/db';
import { fieldChanges } from '@gatehouse/domain';
import { type Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { type Membership } from '../members/index.ts';
import { type JoinLinkView, joinLinkView } from './join-token.ts';

export interface UpdateJoinLinkOptions {
  em: EntityManager;
  actor: Actor;
  config: ServiceConfig;
  membership: Membership;
  enabled?: boolean;
  requiresApproval?: boolean;
  allowedDomains?: string[];
  /** Never admin: nobody becomes an administrator through a shared link. */
  role?: 'employee' | 'extranet';
  expiresAt?: Date | null;
}

/** What the trail records of a change to the link: each setting that changed, from → to. */
function linkSettings(workspace: Workspace) {
  return {
    enabled: workspace.joinEnabled,
    requiresApproval: workspace.joinRequiresApproval,
    allowedDomains: [...workspace.joinAllowedDomains],
    role: workspace.joinRole,
    expiresAt: workspace.joinExpiresAt?.toISOString() ?? null,
  };
}
const LINK_SETTINGS = ['enabled', 'requiresApproval', 'allowedDomains', 'role', 'expiresAt'] as const;

export async function updateJoinLink(options: UpdateJoinLinkOptions): Promise<JoinLinkView> {
  return options.em.transactional(async (em) => {
    const workspace = await em.findOneOrFail(Workspace, { id: options.membership.workspace.id });
    const before = linkSettings(workspace);
    if (options.enabled !== undefined) workspace.joinEnabled = options.enabled;
    if (options.requiresApproval !== undefined) workspace.joinRequiresApproval = options.requiresApproval;
    if (options.allowedDomains !== undefined) workspace.joinAllowedDomains = [...new Set(options.allowedDomains.map((domain) => domain.trim().toLowerCase().replace(/^@/, '')))];
    if (options.role !== undefined) workspace.joinRole = options.role;
    if (options.expiresAt !== undefined) workspace.joinExpiresAt = options.expiresAt;
    const changes = fieldChanges(before, linkSettings(workspace), LINK_SETTINGS);
    if (Object.keys(changes).length) recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'join_link.updated', details: changes });
    await em.flush();
    return joinLinkView(options.config, workspace);
  });
}
