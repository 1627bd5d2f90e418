import { listIdentities, unlinkIdentity } from '@gatehouse/services';
import { authedProcedure, router } from '../trpc.ts';
import { IdentityIdInput } from '../schemas.ts';

/** Social identities of the signed-in profile; linking happens through /auth/social/:provider/start?mode=link. */
export const identitiesRouter = router({
  list: authedProcedure.query(({ ctx }) => listIdentities({ em: ctx.em, actor: ctx.actor })),
  unlink: authedProcedure.input(IdentityIdInput).mutation(({ ctx, input }) => unlinkIdentity({ em: ctx.em, actor: ctx.actor, identityId: input.id })),
});
