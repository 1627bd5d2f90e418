import type { AppCode, SsoFailureReason } from '@gatehouse/domain';
import { isAppError } from '@gatehouse/domain';
import { DestinationRefused } from '../shared/outbound.ts';

/** A sign-in through a connection that failed, with the reason the console words for the admin. */
export class SsoFailure extends Error {
  readonly reason: SsoFailureReason;
  /** The catalogue code the person is shown. */
  readonly code: AppCode;
  constructor(reason: SsoFailureReason, detail: string, code: AppCode = 'SSO_FAILED') {
    super(detail);
    this.reason = reason;
    this.code = code;
  }
}

const PRODUCT_REASONS: Partial<Record<AppCode, SsoFailureReason>> = {
  SEAT_LIMIT_REACHED: 'seat_limit',
  MEMBER_DISMISSED: 'dismissed',
  DOMAIN_NOT_OWNED: 'domain_not_verified',
};

/**
 * What went wrong, from a protocol library's error or the product's refusal:
 * the library's words are matched to a reason an admin can act on (the
 * detail keeps its words for the directory's owner).
 */
export function ssoFailureOf(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error;
  if (isAppError(error)) return new SsoFailure(PRODUCT_REASONS[error.code] ?? 'refused', error.code, error.code);
  // The directory answered with an OAuth error (invalid_grant, access_denied…): openid-client keeps its code apart from the message.
  const oauthError = (error as { error?: unknown }).error;
  if (typeof oauthError === 'string') return new SsoFailure('idp_error', `${oauthError}: ${String((error as { error_description?: unknown }).error_description ?? '')}`.slice(0, 300));
  const message = error instanceof Error ? `${error.message} ${String((error as { cause?: { message?: string } }).cause?.message ?? '')}`.trim() : String(error);
  const reason: SsoFailureReason =
    error instanceof DestinationRefused || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|no answer within|fetch failed|is private/i.test(message)
      ? 'unreachable'
      : /signature|JWS|JWKS/i.test(message)
        ? 'signature'
        : /"aud"|audience|azp/i.test(message)
          ? 'audience'
          : /"iss"|issuer/i.test(message)
            ? 'issuer'
            : /"exp"|"iat"|"nbf"|clock|expired|timestamp|too early|too old/i.test(message)
              ? 'clock'
              : /state|nonce/i.test(message)
                ? 'state'
                : /invalid_client|invalid_grant|unauthorized_client|access_denied|server_error/i.test(message)
                  ? 'idp_error'
                  : 'malformed';
  return new SsoFailure(reason, message.slice(0, 300));
}
