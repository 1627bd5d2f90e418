import { listAuditEvents } from '@gatehouse/services';
import { adminProcedure, router } from '../trpc.ts';
import { AuditListInput } from '../schemas.ts';

/** The workspace's audit trail, newest first, for its admins. */
export const auditRouter = router({
  list: adminProcedure
    .input(AuditListInput)
    .query(({ ctx, input }) => listAuditEvents({ em: ctx.em, membership: ctx.membership, ...(input.cursor ? { cursor: input.cursor } : {}), limit: input.limit })),
});
