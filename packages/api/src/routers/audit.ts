import { listAuditEvents, type AuditFilter } from '@gatehouse/services';
import { keyOpenProcedure, router } from '../trpc.ts';
import { AuditListInput } from '../schemas.ts';

/** The workspace's audit trail, newest first, for its admins and admin API keys. */
export const auditRouter = router({
  list: keyOpenProcedure({ people: 'admin', keys: 'admin' }).input(AuditListInput).query(({ ctx, input }) => {
    const filter: AuditFilter = {
      ...(input.actor ? { actor: input.actor } : {}),
      ...(input.action ? { action: input.action } : {}),
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
    };
    return listAuditEvents({ em: ctx.em, membership: ctx.membership, ...(input.cursor ? { cursor: input.cursor } : {}), limit: input.limit, filter });
  }),
});
