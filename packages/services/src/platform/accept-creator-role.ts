import { Member, Profile, Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, isActiveAdmin } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { type Membership } from '../members/index.ts';
import { lockWorkspace } from '../workspace/index.ts';

/** The admin the role was offered to takes it: from this moment there is exactly one creator, them. */
export async function acceptCreatorRole(options: { em: EntityManager; actor: Actor; membership: Membership }): Promise<{ creator: true }> {
  const { membership } = options;
  return options.em.transactional(async (em) => {
    await lockWorkspace(em, membership.workspace.id);
    const workspace = await em.findOneOrFail(Workspace, { id: membership.workspace.id });
    const me = await em.findOneOrFail(Member, { id: membership.member.id });
    if (workspace.creatorTransferTo !== me.id || !isActiveAdmin(me)) throw new AppError('NOT_FOUND');
    const previous = workspace.creator.id;
    workspace.creator = em.getReference(Profile, options.actor.profileId, { wrapped: true });
    workspace.creatorTransferTo = null;
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'workspace.creator_changed', targetMemberId: me.id, details: { previousCreatorProfileId: previous } });
    await em.flush();
    return { creator: true as const };
  });
}
