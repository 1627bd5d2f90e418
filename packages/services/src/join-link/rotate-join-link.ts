import { Workspace, type EntityManager } from '@gatehouse/db';
import { type Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { type Membership } from '../members/index.ts';
import { type JoinLinkView, joinLinkView } from './join-token.ts';

/** A new link; the old one stops working at once. */
export async function rotateJoinLink(options: { em: EntityManager; actor: Actor; config: ServiceConfig; membership: Membership }): Promise<JoinLinkView> {
  return options.em.transactional(async (em) => {
    const workspace = await em.findOneOrFail(Workspace, { id: options.membership.workspace.id });
    workspace.joinLinkVersion += 1;
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'join_link.rotated', details: { version: workspace.joinLinkVersion } });
    await em.flush();
    return joinLinkView(options.config, workspace);
  });
}
