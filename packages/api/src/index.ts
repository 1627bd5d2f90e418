export { appRouter, type AppRouter } from './router.ts';
export type { RequestContext, ProcedureContext } from './context.ts';
export { createCallerFactory, setErrorLogger, type Logger } from './trpc.ts';
export type { ErrorData } from './errors.ts';
export { asAppError, retryAfterOf, toTRPCError, UNAVAILABLE_RETRY_SECONDS } from './errors.ts';
export * as schemas from './schemas.ts';
export { sessionView } from './session-view.ts';
export { actorOf } from './session-start.ts';
export { PASSWORD_PROCEDURES, failureAnswer, overloadedBody } from './overload.ts';
