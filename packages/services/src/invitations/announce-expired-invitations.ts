import { claimExpiredInvitations, Member, type EntityManager } from '@gatehouse/db';
import { recordAudit } from '../audit/index.ts';

const BATCH = 500;

/**
 * Tells each workspace of the invitations whose link just expired — in its
 * audit trail and to its webhook endpoints (`invitation.expired`) — once per
 * expiry, whichever process gets there first. The invitation itself stays
 * (and holds its seat) until the purge removes it a month later, or an
 * admin resends or deletes it.
 */
export async function announceExpiredInvitations(options: { em: EntityManager; now: Date }): Promise<number> {
  let announced = 0;
  for (;;) {
    const count = await options.em.fork().transactional(async (em) => {
      const ids = await claimExpiredInvitations(em, options.now, BATCH);
      if (!ids.length) return 0;
      const members = await em.find(Member, { id: { $in: ids } });
      for (const member of members) {
        recordAudit(em, null, {
          workspaceId: member.workspace.id,
          action: 'member.invitation_expired',
          targetMemberId: member.id,
          details: { email: member.contactEmail, expiresAt: member.invitationExpiresAt?.toISOString() ?? null },
        });
      }
      await em.flush();
      return members.length;
    });
    announced += count;
    if (count < BATCH) return announced;
  }
}
