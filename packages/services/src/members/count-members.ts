import { countMembersByStatus, type EntityManager } from '@gatehouse/db';
import type { WorkspaceScope } from './resolve-membership.ts';

export interface MemberCounts {
  all: number;
  active: number;
  invited: number;
  awaiting_approval: number;
  dismissed: number;
  extranet: number;
}

/** The directory tabs' counts in one grouped query. */
export async function countMembers(options: { em: EntityManager; membership: WorkspaceScope }): Promise<MemberCounts> {
  const rows = await countMembersByStatus(options.em, options.membership.workspace.id);
  const counts: MemberCounts = { all: 0, active: 0, invited: 0, awaiting_approval: 0, dismissed: 0, extranet: 0 };
  for (const { status, extranet, count } of rows) {
    counts.all += count;
    counts[status] += count;
    if (extranet && status !== 'dismissed') counts.extranet += count;
  }
  return counts;
}
