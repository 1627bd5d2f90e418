import { queryRows, type EntityManager } from '@gatehouse/db';
import type { Membership } from './resolve-membership.ts';

export interface MemberCounts {
  all: number;
  active: number;
  invited: number;
  awaiting_approval: number;
  dismissed: number;
  extranet: number;
}

/** The directory tabs' counts in one grouped query. */
export async function countMembers(options: { em: EntityManager; membership: Membership }): Promise<MemberCounts> {
  const rows = await queryRows<{ status: string; extranet: boolean; count: string }>(
    options.em,
    `select status, role = 'extranet' as extranet, count(*) as count from member where workspace_id = $1 group by status, role = 'extranet'`,
    [options.membership.workspace.id],
  );
  const counts: MemberCounts = { all: 0, active: 0, invited: 0, awaiting_approval: 0, dismissed: 0, extranet: 0 };
  for (const row of rows) {
    const count = Number(row.count);
    counts.all += count;
    counts[row.status as keyof MemberCounts] += count;
    if (row.extranet && row.status !== 'dismissed') counts.extranet += count;
  }
  return counts;
}
