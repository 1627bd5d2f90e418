import { AppError, type Locale } from '@gatehouse/domain';
import { describeFailure, toTRPCError } from './errors.ts';

/** The public procedures that check or hash a password (argon2id): what a login flood calls. */
export const PASSWORD_PROCEDURES: ReadonlySet<string> = new Set(['auth.signIn', 'auth.signUp', 'auth.resetPassword', 'invitations.accept']);

/**
 * The answer tRPC itself gives a call refused with RATE_LIMITED (429, the
 * same envelope, code and message in the caller's language), for the HTTP
 * layer to send without running the call.
 */
export function overloadedBody(paths: string[], locale: Locale, retryAfterSeconds: number, batch: boolean): string {
  const { message, data } = describeFailure(toTRPCError(new AppError('RATE_LIMITED', { retryAfterSeconds })), locale);
  const envelopes = paths.map((path) => ({ error: { message, code: -32029, data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path, ...data } } }));
  return JSON.stringify(batch ? envelopes : envelopes[0]);
}
