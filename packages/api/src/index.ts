export { appRouter, type AppRouter } from './router.ts';
export type { RequestContext, ProcedureContext } from './context.ts';
export { createCallerFactory, setErrorLogger, type Logger } from './trpc.ts';
export type { ErrorData } from './errors.ts';
export { asAppError, retryAfterOf, toTRPCError, UNAVAILABLE_RETRY_SECONDS } from './errors.ts';
export * as schemas from './schemas.ts';
export { sessionView } from './session-view.ts';
export { actorOf } from './actor.ts';
// Every HTTP door of the product: the host (apps/api) mounts these and writes no handler of its own.
export { PASSWORD_PROCEDURES, failureAnswer, overloadedBody, sendFailure } from './http/failure-answer.ts';
export { bodySizeGuard, bodyLimitOf, trpcHandler, MAX_BATCH_SIZE, MAX_BODY_BYTES, MAX_LETTER_BODY_BYTES } from './http/trpc-handler.ts';
export { sessionCheckRoute } from './http/session-check.ts';
export { socialRoutes, safeNext } from './http/social.ts';
export { recoveryLetterRoute } from './http/recovery-letter.ts';
export { downloadRoute } from './http/downloads.ts';
export { shedDirectoryFlood, shedPasswordFlood } from './http/overload.ts';
/** How busy password hashing is: what the password-flood guard watches, for the host's metrics. */
export { passwordWorkLoad } from '@gatehouse/auth';
export { csrfGuard } from './http/csrf.ts';
export { requestIds, requestIdOf } from './http/request-id.ts';
export { sessionCookieSettings, type SessionCookieSettings } from './http/session-cookie.ts';
export { createOidcIssuer, RETIRED_KEY_PUBLISHED_MS, OIDC_TTL, INTERACTION_PATH, type OidcIssuer } from './http/oidc/issuer.ts';
export { interactionRoutes, type InteractionState } from './http/oidc/interaction.ts';
export { scimRoutes, SCIM_PATH } from './http/scim.ts';
export { ssoRoutes, SSO_PATH } from './http/sso.ts';
