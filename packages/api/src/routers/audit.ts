import { listAuditEvents, type AuditFilter } from '@gatehouse/services';
import { adminProcedure, router } from '../trpc.ts';
import { AuditListInput } from '../schemas.ts';

/** The workspace's audit trail, newest first, for its admins. */
export const auditRouter = router({
  list: adminProcedure.input(AuditListInput).query(({ ctx, input }) => {
    const filter: AuditFilter = {
      ...(input.actor ? { actor: input.actor } : {}),
      ...(input.action ? { action: input.action } : {}),
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
    };
    return listAuditEvents({ em: ctx.em, membership: ctx.membership, ...(input.cursor ? { cursor: input.cursor } : {}), limit: input.limit, filter });
  }),
});
