import { Member, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';

/** The member of a workspace who already uses an address, as login or as contact email, dismissed members included. */
export async function memberUsingEmail(em: EntityManager, options: { workspaceId: string; email: string; exceptMemberId?: string }): Promise<{ member: Member; emailKind: 'login' | 'contact' } | null> {
  const except = options.exceptMemberId ? { id: { $ne: options.exceptMemberId } } : {};
  const byLogin = await em.findOne(Member, { workspace: options.workspaceId, profile: { email: options.email }, ...except });
  if (byLogin) return { member: byLogin, emailKind: 'login' };
  const byContact = await em.findOne(Member, { workspace: options.workspaceId, contactEmail: options.email, ...except });
  return byContact ? { member: byContact, emailKind: 'contact' } : null;
}

/**
 * An address is taken inside a workspace when it is a member's login email or
 * a member's contact email, dismissed members included (the seeds' remedy is
 * to change that member's contact email first). Says which kind it is.
 */
export async function assertEmailFreeInWorkspace(em: EntityManager, options: { workspaceId: string; email: string; exceptMemberId?: string }): Promise<void> {
  const holder = await memberUsingEmail(em, options);
  if (holder) throw new AppError('EMAIL_TAKEN', { scope: 'workspace', emailKind: holder.emailKind });
}
