import { Member, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';

/**
 * An address is taken inside a workspace when it is a member's login email or
 * a member's contact email, dismissed members included (the seeds' remedy is
 * to change that member's contact email first). Says which kind it is.
 */
export async function assertEmailFreeInWorkspace(em: EntityManager, options: { workspaceId: string; email: string; exceptMemberId?: string }): Promise<void> {
  const except = options.exceptMemberId ? { id: { $ne: options.exceptMemberId } } : {};
  if (await em.count(Member, { workspace: options.workspaceId, profile: { email: options.email }, ...except })) {
    throw new AppError('EMAIL_TAKEN', { scope: 'workspace', emailKind: 'login' });
  }
  if (await em.count(Member, { workspace: options.workspaceId, contactEmail: options.email, ...except })) {
    throw new AppError('EMAIL_TAKEN', { scope: 'workspace', emailKind: 'contact' });
  }
}
