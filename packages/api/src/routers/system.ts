import { describeError } from '@gatehouse/domain';
import { publicProcedure, router } from '../trpc.ts';
import { ErrorMessageInput } from '../schemas.ts';

/** Facts about this deployment that the SPAs show (the development mail inbox). */
export const systemRouter = router({
  info: publicProcedure.query(({ ctx }) => ({ mailInboxPath: ctx.mailInboxPath, socialProviders: ctx.socialProviders })),
  /** The sentence for a code in the caller's language: for errors that arrive by redirect (social sign-in). */
  errorMessage: publicProcedure.input(ErrorMessageInput).query(({ ctx, input }) => ({ message: describeError(input.appCode, {}, ctx.locale) })),
});
