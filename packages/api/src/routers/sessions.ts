import { listSessions, revokeOtherSessions, revokeSession } from '@gatehouse/services';
import { proofOf } from '../proof.ts';
import { authedProcedure, router } from '../trpc.ts';
import { RevokeSessionInput } from '../schemas.ts';

export const sessionsRouter = router({
  list: authedProcedure.meta({ allowedBeforePasswordChange: true }).query(({ ctx }) => listSessions({ em: ctx.em, actor: ctx.actor })),

  revoke: authedProcedure
    .meta({ allowedBeforePasswordChange: true })
    .input(RevokeSessionInput)
    .mutation(async ({ ctx, input }) => {
      await revokeSession({ em: ctx.em, actor: ctx.actor, config: ctx.config, sessionId: input.id, proof: proofOf(input) });
      if (input.id === ctx.actor.sessionId && ctx.authVia === 'cookie') ctx.sessionCookie.clear();
      return { ok: true as const };
    }),

  revokeOthers: authedProcedure
    .meta({ allowedBeforePasswordChange: true })
    .mutation(({ ctx }) => revokeOtherSessions({ em: ctx.em, actor: ctx.actor })),
});
