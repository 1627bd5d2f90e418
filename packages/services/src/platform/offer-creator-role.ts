import { Member, Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, isActiveAdmin } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { enqueueMail } from '@gatehouse/mail';
import { consoleLink, type ServiceConfig } from '../shared/config.ts';
import { assertReauthenticated, type Proof } from '../sign-in/index.ts';
import { type Membership } from '../members/index.ts';
import { lockWorkspace } from '../workspace/index.ts';

/** The creator offers the creator role to another active admin, who must accept; null withdraws the offer. */
export async function offerCreatorRole(options: { em: EntityManager; actor: Actor; config: ServiceConfig; membership: Membership; memberId: string | null; proof: Proof }): Promise<{ offeredTo: string | null }> {
  const { membership } = options;
  if (membership.workspace.creator.id !== options.actor.profileId) throw new AppError('CREATOR_PROTECTED');
  await assertReauthenticated({ em: options.em, config: options.config, actor: options.actor, proof: options.proof, require: 'any' });
  return options.em.transactional(async (em) => {
    await lockWorkspace(em, membership.workspace.id);
    const workspace = await em.findOneOrFail(Workspace, { id: membership.workspace.id });
    if (options.memberId) {
      const target = await em.findOne(Member, { id: options.memberId, workspace: workspace.id }, { populate: ['profile'] });
      if (!target?.profile || !isActiveAdmin(target)) throw new AppError('NOT_FOUND');
      if (target.profile.id === options.actor.profileId) throw new AppError('INVALID_INPUT', { fields: { memberId: 'invalid' } });
      // The offered admin hears of it at once: the role moves only when they accept it in the console.
      const profile = target.profile.getEntity();
      enqueueMail(em, {
        to: profile.email,
        kind: 'creator_offered',
        locale: profile.locale,
        params: { workspaceName: workspace.name, creatorName: membership.member.name, link: consoleLink(options.config, `/${workspace.slug}`) },
      });
    }
    workspace.creatorTransferTo = options.memberId;
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'workspace.creator_offered', targetMemberId: options.memberId });
    await em.flush();
    return { offeredTo: options.memberId };
  });
}
