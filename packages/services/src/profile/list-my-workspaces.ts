import { Member, type EntityManager } from '@gatehouse/db';
import { DEFAULT_SESSION_IDLE_MINUTES } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { type MembershipView } from '../shared/views.ts';

/** The workspaces this profile belongs to, dismissed ones included so the person knows why access ended. */
export async function listMyWorkspaces(options: { em: EntityManager; actor: Actor }): Promise<MembershipView[]> {
  const members = await options.em.find(
    Member,
    { profile: options.actor.profileId, status: { $in: ['active', 'dismissed'] } },
    { populate: ['workspace'], orderBy: { workspace: { name: 'asc' } }, limit: 500 },
  );
  return members.map((member) => {
    const workspace = member.workspace.getEntity();
    return {
      workspace: {
        id: workspace.id,
        slug: workspace.slug,
        name: workspace.name,
        plan: workspace.plan,
        anyoneCanInvite: workspace.anyoneCanInvite,
        sessionIdleMinutes: workspace.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES,
      },
      memberId: member.id,
      role: member.role,
      status: member.status,
      isCreator: workspace.creator.id === options.actor.profileId,
      creatorOfferedToMe: workspace.creatorTransferTo === member.id && member.status === 'active',
      contactEmail: member.contactEmail ?? null,
      mailboxEmail: member.mailboxEmail ?? null,
      position: member.position ?? null,
    };
  });
}
