import { listAuditEvents, requestAuditExport, type AuditFilter } from '@gatehouse/services';
import { keyOpenProcedure, router } from '../trpc.ts';
import { AuditExportInput, AuditListInput } from '../schemas.ts';

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

  /** A link, valid five minutes, that downloads the trail over the range as CSV or NDJSON (streamed, any size). */
  export: keyOpenProcedure({ people: 'admin', keys: 'admin' })
    .input(AuditExportInput)
    .mutation(({ ctx, input }) =>
      requestAuditExport({
        em: ctx.em,
        config: ctx.config,
        actor: ctx.caller,
        membership: ctx.membership,
        format: input.format,
        from: input.from,
        to: input.to,
        filter: { ...(input.actor ? { actor: input.actor } : {}), ...(input.action ? { action: input.action } : {}) },
      }),
    ),
});
