import type { EntityManager } from '@mikro-orm/postgresql';
import type { Locale, MemberRole } from '@gatehouse/domain';
import { queryRows } from '../sql.ts';

/** Whether a profile has a second step of its own: a confirmed authenticator app, or a passkey not refused as a copy. */
export async function profileHasSecondFactor(em: EntityManager, profileId: string): Promise<boolean> {
  const [row] = await queryRows<{ has: boolean }>(
    em,
    `select (p.two_factor_enabled_at is not null
             or exists (select 1 from passkey k where k.profile_id = p.id and k.suspected_clone_at is null)) as has
       from profile p where p.id = $1`,
    [profileId],
  );
  return row?.has === true;
}

export interface MemberWithoutSecondFactor {
  memberId: string;
  profileId: string;
  name: string;
  email: string;
  locale: Locale;
  role: MemberRole;
  joinedAt: Date | null;
}

/** Active members of these roles with no second step yet, oldest first: who a requirement still waits for. */
export async function findMembersWithoutSecondFactor(
  em: EntityManager,
  options: { workspaceId: string; roles: readonly MemberRole[]; limit: number; offset: number },
): Promise<{ rows: MemberWithoutSecondFactor[]; total: number }> {
  const rows = await queryRows<MemberWithoutSecondFactor & { joinedAt: string | Date | null; total: number }>(
    em,
    `select m.id as "memberId", p.id as "profileId", p.name, p.email, p.locale, m.role,
            coalesce(m.joined_at, m.created_at) as "joinedAt", count(*) over ()::int as total
       from member m
       join profile p on p.id = m.profile_id
      where m.workspace_id = $1 and m.status = 'active' and m.role = any($2::text[])
        and p.two_factor_enabled_at is null
        and not exists (select 1 from passkey k where k.profile_id = p.id and k.suspected_clone_at is null)
      order by coalesce(m.joined_at, m.created_at), m.id
      limit $3 offset $4`,
    [options.workspaceId, options.roles, options.limit, options.offset],
  );
  return {
    rows: rows.map(({ total: _total, ...row }) => ({ ...row, joinedAt: row.joinedAt ? new Date(row.joinedAt) : null })),
    total: rows[0]?.total ?? 0,
  };
}
