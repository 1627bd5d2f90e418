import type { Profile} from '@gatehouse/db';
import { Member, type EntityManager } from '@gatehouse/db';
import { type RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { lockWorkspace } from '../workspace/index.ts';
import { statusAfterVerification } from './join-token.ts';

/** After the address is confirmed: memberships that waited on it move on (active, or awaiting approval). */
export interface PromotedJoin {
  workspace: { name: string; slug: string };
  /** In at once (an allowed domain, or no approval needed), or waiting for an admin. */
  status: 'active' | 'awaiting_approval';
}

export async function promoteVerifiedJoins(em: EntityManager, profile: Profile, actor: { profileId: string; origin: RequestOrigin }): Promise<PromotedJoin[]> {
  const waiting = await em.find(Member, { profile: profile.id, status: 'invited', source: 'join_link' }, { populate: ['workspace'] });
  const promoted: PromotedJoin[] = [];
  for (const member of waiting) {
    const workspace = member.workspace.getEntity();
    await lockWorkspace(em, workspace.id);
    member.status = statusAfterVerification(workspace, profile.email);
    if (member.status === 'active') member.joinedAt = new Date();
    recordAudit(em, actor, { workspaceId: workspace.id, action: member.status === 'active' ? 'member.joined' : 'member.join_requested', targetMemberId: member.id, targetProfileId: profile.id });
    promoted.push({ workspace: { name: workspace.name, slug: workspace.slug }, status: member.status === 'active' ? 'active' : 'awaiting_approval' });
  }
  return promoted;
}
