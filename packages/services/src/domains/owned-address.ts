import { WorkspaceDomain, type EntityManager } from '@gatehouse/db';
import { AppError, domainOfEmail } from '@gatehouse/domain';

/**
 * The company's directory (and later its sign-in) may bring people in only
 * at addresses of a domain the workspace proved it owns: anyone else's
 * address would let a workspace claim a stranger's profile.
 */
export async function assertAddressAtVerifiedDomain(em: EntityManager, workspaceId: string, email: string): Promise<void> {
  const held = await em.count(WorkspaceDomain, { workspace: workspaceId, domain: domainOfEmail(email), verifiedAt: { $ne: null } });
  if (!held) throw new AppError('DOMAIN_NOT_OWNED');
}
