import { findMembersWithoutSecondFactor, type EntityManager } from '@gatehouse/db';
import { AppError, MEMBER_ROLES, twoFactorDeadline, twoFactorRequiredOf, type MemberRole, type SecurityPolicy } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import type { Membership } from '../members/index.ts';
import { securityPolicyOf } from './policy.ts';

export interface TwoFactorPendingView {
  memberId: string;
  name: string;
  email: string;
  role: MemberRole;
  /** Until when they may still sign in without it; past it, they may only set it up. */
  deadline: string;
  overdue: boolean;
}

/** At most this many members are reminded at once. */
const REMINDER_BATCH = 500;

function rolesRequired(policy: Pick<SecurityPolicy, 'twoFactorRequiredFor'>): MemberRole[] {
  return MEMBER_ROLES.filter((role) => twoFactorRequiredOf(policy, role));
}

/** Whom the requirement still waits for, with their deadlines: paged, oldest first. */
export async function listTwoFactorPending(options: { em: EntityManager; membership: Membership; limit: number; offset: number }): Promise<{ items: TwoFactorPendingView[]; total: number }> {
  const policy = securityPolicyOf(options.membership.workspace);
  const roles = rolesRequired(policy);
  if (roles.length === 0) return { items: [], total: 0 };
  const { rows, total } = await findMembersWithoutSecondFactor(options.em, { workspaceId: options.membership.workspace.id, roles, limit: options.limit, offset: options.offset });
  const now = Date.now();
  return {
    total,
    items: rows.map((row) => {
      const deadline = twoFactorDeadline(policy, row)!;
      return { memberId: row.memberId, name: row.name, email: row.email, role: row.role, deadline: deadline.toISOString(), overdue: deadline.getTime() <= now };
    }),
  };
}

/** Mails the members the requirement waits for (all of them, or those named) how to set it up and by when; audited, and limited per workspace. */
export async function remindTwoFactor(options: { em: EntityManager; config: ServiceConfig; actor: Actor; membership: Membership; memberIds?: string[] }): Promise<{ reminded: number }> {
  const { em, config, membership } = options;
  const policy = securityPolicyOf(membership.workspace);
  const roles = rolesRequired(policy);
  if (roles.length === 0) throw new AppError('NOT_FOUND');
  await config.limits.consume('twoFactorReminder', membership.workspace.id);
  const { rows } = await findMembersWithoutSecondFactor(em, { workspaceId: membership.workspace.id, roles, limit: REMINDER_BATCH, offset: 0 });
  const chosen = options.memberIds ? rows.filter((row) => options.memberIds!.includes(row.memberId)) : rows;
  for (const row of chosen) {
    enqueueMail(em, {
      to: row.email,
      kind: 'two_factor_required',
      locale: row.locale,
      params: { workspaceName: membership.workspace.name, deadline: twoFactorDeadline(policy, row)!, link: portalLink(config, '/security') },
    });
  }
  recordAudit(em, options.actor, { workspaceId: membership.workspace.id, action: 'security_policy.reminded', details: { count: chosen.length } });
  await em.flush();
  return { reminded: chosen.length };
}
