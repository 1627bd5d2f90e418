import type { ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { AppError, type AppCode, type AppErrorParams, type Locale } from '@gatehouse/domain';
import { describeFailure, toTRPCError } from '../errors.ts';

/** The public procedures that check or hash a password (argon2id): what a login flood calls. */
export const PASSWORD_PROCEDURES: ReadonlySet<string> = new Set(['auth.signIn', 'auth.signUp', 'auth.resetPassword', 'invitations.accept']);

export interface FailureOptions {
  appCode: AppCode;
  /** The procedures the request named, one envelope each in a batch. */
  paths: string[];
  locale: Locale;
  batch: boolean;
  params?: AppErrorParams;
  /** When the transport's own code says more than the catalogue's (PAYLOAD_TOO_LARGE for a body over its limit). */
  trpcCode?: TRPC_ERROR_CODE_KEY;
  /** A developer-facing reason in place of the catalogue's words, for refusals no person causes (a cross-site request). */
  message?: string;
}

/**
 * The answer tRPC itself gives a call that fails with `appCode` (its HTTP
 * status, the same envelope, code and message in the caller's language), for
 * the HTTP layer to send without running the call: a refusal at the door, a
 * database that is down under the fast session route, a request too large.
 */
export function failureAnswer(options: FailureOptions): { status: number; body: string } {
  const known = toTRPCError(new AppError(options.appCode, options.params ?? {}));
  const error = options.trpcCode ? new TRPCError({ code: options.trpcCode, message: known.message, cause: known.cause }) : known;
  const described = describeFailure(error, options.locale);
  const message = options.message ?? described.message;
  const status = getHTTPStatusCodeFromError(error);
  const envelopes = options.paths.map((path) => ({ error: { message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data: { code: error.code, httpStatus: status, path, ...described.data } } }));
  return { status, body: JSON.stringify(options.batch ? envelopes : envelopes[0]) };
}

/** The one writer of a failure outside tRPC's own plumbing: the envelope, its length, and Retry-After when the catalogue gives a wait. */
export function sendFailure(res: ServerResponse, options: FailureOptions, headers: Record<string, string> = {}): void {
  const { status, body } = failureAnswer(options);
  const wait = options.params?.retryAfterSeconds;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...(wait ? { 'retry-after': String(wait) } : {}), ...headers }).end(body);
}

/** RATE_LIMITED at the door, as tRPC would answer it (429). */
export function overloadedBody(paths: string[], locale: Locale, retryAfterSeconds: number, batch: boolean): string {
  return failureAnswer({ appCode: 'RATE_LIMITED', paths, locale, batch, params: { retryAfterSeconds } }).body;
}
