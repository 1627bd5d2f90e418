import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { AppError, type AppCode, type AppErrorParams, type Locale } from '@gatehouse/domain';
import { describeFailure, toTRPCError } from './errors.ts';

/** The public procedures that check or hash a password (argon2id): what a login flood calls. */
export const PASSWORD_PROCEDURES: ReadonlySet<string> = new Set(['auth.signIn', 'auth.signUp', 'auth.resetPassword', 'invitations.accept']);

/**
 * The answer tRPC itself gives a call that fails with `appCode` (its HTTP
 * status, the same envelope, code and message in the caller's language), for
 * the HTTP layer to send without running the call: a refusal at the door, a
 * database that is down under the fast session route, a request too large.
 */
export function failureAnswer(options: { appCode: AppCode; paths: string[]; locale: Locale; batch: boolean; params?: AppErrorParams }): { status: number; body: string } {
  const error = toTRPCError(new AppError(options.appCode, options.params ?? {}));
  const { message, data } = describeFailure(error, options.locale);
  const status = getHTTPStatusCodeFromError(error);
  const envelopes = options.paths.map((path) => ({ error: { message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data: { code: error.code, httpStatus: status, path, ...data } } }));
  return { status, body: JSON.stringify(options.batch ? envelopes : envelopes[0]) };
}

/** RATE_LIMITED at the door, as tRPC would answer it (429). */
export function overloadedBody(paths: string[], locale: Locale, retryAfterSeconds: number, batch: boolean): string {
  return failureAnswer({ appCode: 'RATE_LIMITED', paths, locale, batch, params: { retryAfterSeconds } }).body;
}
