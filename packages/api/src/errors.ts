import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { z } from 'zod';
import { isDatabaseUnavailable } from '@gatehouse/db';
import { AppError, describeError, describeFieldProblem, type AppCode, type FieldProblem, type Locale } from '@gatehouse/domain';

/** The one table from the domain's error catalogue to tRPC (and so HTTP) codes. */
const TRPC_CODE_OF: Record<AppCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_INPUT: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  NO_ACCESS: 'FORBIDDEN',
  MEMBER_DISMISSED: 'FORBIDDEN',
  EMAIL_NOT_VERIFIED: 'FORBIDDEN',
  PASSWORD_CHANGE_REQUIRED: 'FORBIDDEN',
  TWO_FACTOR_INVALID: 'UNAUTHORIZED',
  TWO_FACTOR_ALREADY_ENABLED: 'CONFLICT',
  TWO_FACTOR_NOT_ENABLED: 'PRECONDITION_FAILED',
  TWO_FACTOR_SETUP_REQUIRED: 'PRECONDITION_FAILED',
  EMAIL_TAKEN: 'CONFLICT',
  SLUG_TAKEN: 'CONFLICT',
  SEAT_LIMIT_REACHED: 'PRECONDITION_FAILED',
  INVITE_NOT_ALLOWED: 'FORBIDDEN',
  MEMBER_NOT_DELETABLE: 'PRECONDITION_FAILED',
  MEMBER_NOT_DISMISSABLE: 'PRECONDITION_FAILED',
  INVITATION_NOT_PENDING: 'PRECONDITION_FAILED',
  MEMBER_HAS_TASKS: 'PRECONDITION_FAILED',
  LAST_ADMIN: 'PRECONDITION_FAILED',
  CREATOR_PROTECTED: 'FORBIDDEN',
  LAST_SIGN_IN_METHOD: 'PRECONDITION_FAILED',
  IDENTITY_TAKEN: 'CONFLICT',
  TOKEN_INVALID: 'BAD_REQUEST',
  TOKEN_EXPIRED: 'BAD_REQUEST',
  RECOVERY_ALREADY_PENDING: 'CONFLICT',
  RECOVERY_NOT_DECIDABLE: 'PRECONDITION_FAILED',
  APP_NOT_ALLOWED: 'FORBIDDEN',
  PASSKEY_INVALID: 'BAD_REQUEST',
  TWO_FACTOR_REQUIRED_BY_POLICY: 'FORBIDDEN',
  SIGN_IN_METHOD_NOT_ALLOWED: 'FORBIDDEN',
  DOMAIN_NOT_VERIFIED: 'PRECONDITION_FAILED',
  DOMAIN_TAKEN: 'CONFLICT',
  DOMAIN_NOT_OWNED: 'BAD_REQUEST',
  SSO_FAILED: 'UNAUTHORIZED',
  SSO_REQUIRED: 'FORBIDDEN',
  DESTINATION_NOT_ALLOWED: 'BAD_REQUEST',
  PROFILE_NOT_DELETABLE: 'PRECONDITION_FAILED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  NOT_FOUND: 'NOT_FOUND',
  REAUTHENTICATION_REQUIRED: 'FORBIDDEN',
  MAILBOX_PROOF_REQUIRED: 'PRECONDITION_FAILED',
  TEMPORARY_PASSWORD_EXPIRED: 'UNAUTHORIZED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_OF[error.code], message: error.message, cause: error });
}

/** How long a client should wait when the database cannot answer: about what a restart or a burst takes. */
export const UNAVAILABLE_RETRY_SECONDS = 5;

/** A failure of ours as the catalogue knows it: a lost or saturated database is SERVICE_UNAVAILABLE; anything else unknown stays as it is. */
export function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new AppError('SERVICE_UNAVAILABLE', { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS });
  return null;
}

/** The seconds a failed answer asks the client to wait (Retry-After), if any of its calls said so. */
export function retryAfterOf(errors: readonly TRPCError[]): number | null {
  const waits = errors.map((error) => (error.cause instanceof AppError ? (error.cause.params.retryAfterSeconds ?? 0) : 0)).filter((wait) => wait > 0);
  return waits.length ? Math.max(...waits) : null;
}

/** A zod issue as the product's field problem, so it can be told in the caller's language. */
function fieldProblemOf(issue: z.core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? { kind: 'required' } : { kind: 'invalid' };
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'bigint') return { kind: 'number_min', minimum: Number(issue.minimum) };
      if (issue.origin === 'array' || issue.origin === 'set') return { kind: 'too_few', minimum: Number(issue.minimum) };
      return Number(issue.minimum) <= 1 ? { kind: 'required' } : { kind: 'too_short', minimum: Number(issue.minimum) };
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'bigint') return { kind: 'number_max', maximum: Number(issue.maximum) };
      if (issue.origin === 'array' || issue.origin === 'set') return { kind: 'too_many', maximum: Number(issue.maximum) };
      return { kind: 'too_long', maximum: Number(issue.maximum) };
    case 'invalid_format':
      return issue.format === 'email' ? { kind: 'email' } : { kind: 'invalid' };
    case 'custom': {
      const problem = (issue.params as { problem?: FieldProblem['kind'] } | undefined)?.problem;
      return problem ? ({ kind: problem } as FieldProblem) : { kind: 'invalid' };
    }
    default:
      return { kind: 'invalid' };
  }
}

export interface ErrorData {
  appCode: AppCode;
  /** Field path → message in the caller's language. */
  fields?: Record<string, string>;
  retryAfterSeconds?: number;
  /** SIGN_IN_METHOD_NOT_ALLOWED: the ways in the workspace allows (`password`, `passkey`, `social:<provider>`). */
  allowedWays?: string[];
}

/** What every failure tells the caller: a stable code and a sentence in their language, never a stack. */
export function describeFailure(error: TRPCError, locale: Locale): { message: string; data: ErrorData } {
  const cause = error.cause;
  if (cause instanceof AppError) {
    const fields = cause.params.fields
      ? Object.fromEntries(Object.entries(cause.params.fields).map(([field, kind]) => [field, describeFieldProblem({ kind } as FieldProblem, locale)]))
      : undefined;
    return {
      message: describeError(cause.code, cause.params, locale),
      data: {
        appCode: cause.code,
        ...(fields ? { fields } : {}),
        ...(cause.params.retryAfterSeconds ? { retryAfterSeconds: cause.params.retryAfterSeconds } : {}),
        ...(cause.params.allowedWays ? { allowedWays: cause.params.allowedWays } : {}),
      },
    };
  }
  if (cause instanceof z.ZodError) {
    const fields: Record<string, string> = {};
    for (const issue of cause.issues) {
      const path = issue.path.join('.') || '_';
      fields[path] ??= describeFieldProblem(fieldProblemOf(issue), locale);
    }
    return { message: describeError('INVALID_INPUT', {}, locale), data: { appCode: 'INVALID_INPUT', fields } };
  }
  const byCode: Partial<Record<TRPC_ERROR_CODE_KEY, AppCode>> = {
    BAD_REQUEST: 'INVALID_INPUT',
    PARSE_ERROR: 'INVALID_INPUT',
    NOT_FOUND: 'NOT_FOUND',
    METHOD_NOT_SUPPORTED: 'INVALID_INPUT',
    PAYLOAD_TOO_LARGE: 'INVALID_INPUT',
    UNAUTHORIZED: 'UNAUTHENTICATED',
    FORBIDDEN: 'FORBIDDEN',
    TOO_MANY_REQUESTS: 'RATE_LIMITED',
  };
  const appCode = byCode[error.code] ?? 'INTERNAL';
  return { message: describeError(appCode, {}, locale), data: { appCode } };
}
