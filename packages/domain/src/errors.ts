import type { Locale } from './locale.ts';
import { DEFAULT_LOCALE } from './locale.ts';
import { ERROR_MESSAGES } from './error-messages.ts';
import type { FieldProblem } from './field-messages.ts';

export type FieldProblemKind = Exclude<FieldProblem['kind'], 'too_short' | 'too_long'>;

/** The stable machine codes of every failure the product reports (API.md, "Error catalogue"). */
export const APP_CODES = [
  /** Validation of an input failed; `fields` says which and why. */
  'INVALID_INPUT',
  /** No session, or it expired. */
  'UNAUTHENTICATED',
  /** The caller's role does not allow the action. */
  'FORBIDDEN',
  /** Wrong email or password; never says which. */
  'INVALID_CREDENTIALS',
  /** Right password, but the profile is not a member of the workspace. */
  'NO_ACCESS',
  /** Right password, but the member was dismissed. */
  'MEMBER_DISMISSED',
  /** The login email must be confirmed first. */
  'EMAIL_NOT_VERIFIED',
  /** Signed in with a generated password that has not been changed yet. */
  'PASSWORD_CHANGE_REQUIRED',
  /** A wrong or already used second-factor code. */
  'TWO_FACTOR_INVALID',
  /** Setting up two-step verification while it is already on. */
  'TWO_FACTOR_ALREADY_ENABLED',
  /** Turning off two-step verification, or renewing its recovery codes, while it is off. */
  'TWO_FACTOR_NOT_ENABLED',
  /** Confirming two-step verification before its setup was started. */
  'TWO_FACTOR_SETUP_REQUIRED',
  /** A login email, or a member's contact email in the workspace, is already used. */
  'EMAIL_TAKEN',
  /** The workspace address is already used. */
  'SLUG_TAKEN',
  /** Active members, pending invitations and approvals would exceed the plan. */
  'SEAT_LIMIT_REACHED',
  /** A non-admin invites while "anyone can invite" is off. */
  'INVITE_NOT_ALLOWED',
  /** Deleting a member who has accepted: dismiss instead. */
  'MEMBER_NOT_DELETABLE',
  /** Dismissing someone who has no access to end: a pending invitation is deleted, a join request rejected, a dismissed member stays so. */
  'MEMBER_NOT_DISMISSABLE',
  /** Resending an invitation that was accepted, deleted or never mailed. */
  'INVITATION_NOT_PENDING',
  /** Deleting an invited member who still has tasks. */
  'MEMBER_HAS_TASKS',
  /** The change would leave the workspace without an active admin. */
  'LAST_ADMIN',
  /** Only the creator may change the creator's rights. */
  'CREATOR_PROTECTED',
  /** Unlinking the only way to sign in. */
  'LAST_SIGN_IN_METHOD',
  /** Linking a social account that already belongs to another profile. */
  'IDENTITY_TAKEN',
  /** A link's token is unknown or already used. */
  'TOKEN_INVALID',
  /** A link's token has expired. */
  'TOKEN_EXPIRED',
  /** Filing a request for a new administrator while one for the workspace is still waiting. */
  'RECOVERY_ALREADY_PENDING',
  /** Deciding a request for a new administrator out of turn: staff before the admins' days to refuse are over, an admin after. */
  'RECOVERY_NOT_DECIDABLE',
  /** The person is a member, but their role may not use this app (or the app is switched off). */
  'APP_NOT_ALLOWED',
  /** A passkey's attestation or assertion that does not verify: another challenge, origin or site, a replay, a removed or cloned passkey. */
  'PASSKEY_INVALID',
  /** The workspace requires two-step verification of this member and the grace period is over: only setting it up is possible. */
  'TWO_FACTOR_REQUIRED_BY_POLICY',
  /** The workspace's policy does not allow this way in for this member; `allowedWays` names those it allows. */
  'SIGN_IN_METHOD_NOT_ALLOWED',
  /** A domain's TXT record (`_gatehouse-challenge.<domain>`) is not there, or has another value. */
  'DOMAIN_NOT_VERIFIED',
  /** Another workspace has verified this domain: it must release it first (or platform staff decide). */
  'DOMAIN_TAKEN',
  /** A person the company's directory (or its sign-in) brings in has an address at no domain this workspace verified. */
  'DOMAIN_NOT_OWNED',
  /** A sign-in through the workspace's single sign-on did not complete; the connection's page tells its admins why. */
  'SSO_FAILED',
  /** This address must sign in through the workspace's single sign-on connection. */
  'SSO_REQUIRED',
  /** A webhook endpoint that is not https, or whose address is private, loopback or link-local (allowed only with the development switch). */
  'DESTINATION_NOT_ALLOWED',
  /** A profile deletion refused while the person is a workspace's creator or its last admin; `blockers` says which, and as what. */
  'PROFILE_NOT_DELETABLE',
  /** Too many attempts; `retryAfterSeconds` says when to try again. */
  'RATE_LIMITED',
  /** Nothing of that id is visible to the caller, other tenants' ids included. */
  'NOT_FOUND',
  /** A sensitive action needs the caller to prove it is them again: password, or a second-factor code. */
  'REAUTHENTICATION_REQUIRED',
  /** Accepting an invitation with a profile whose login is another address: the code mailed to the invited address is needed. */
  'MAILBOX_PROOF_REQUIRED',
  /** A generated (directly registered) or printed password that was already used once or is past its lifetime. */
  'TEMPORARY_PASSWORD_EXPIRED',
  /** The database or another part the answer depends on is unreachable or saturated; `retryAfterSeconds` says when to try again. */
  'SERVICE_UNAVAILABLE',
  /** An unexpected failure; details are logged, never sent. */
  'INTERNAL',
] as const;

export type AppCode = (typeof APP_CODES)[number];

/** Values a message may mention; every one is optional so a code can always be raised bare. */
export interface AppErrorParams {
  /** EMAIL_TAKEN: which address kind collided. */
  emailKind?: 'login' | 'contact';
  /** EMAIL_TAKEN: where it is used. */
  scope?: 'network' | 'workspace';
  /** RECOVERY_NOT_DECIDABLE: until when the workspace's admins may still refuse (ISO), and who was asking. */
  adminsUntil?: string;
  decider?: 'staff' | 'admin';
  /** TOKEN_INVALID: a genuine quick-join link its admins switched off (the answer says so, and who can help). */
  linkSwitchedOff?: boolean;
  /** EMAIL_TAKEN: the caller asked for it as their own new login (the answer tells how to free it). */
  asNewLogin?: boolean;
  /** MEMBER_HAS_TASKS */
  taskCount?: number;
  /** RATE_LIMITED */
  retryAfterSeconds?: number;
  /** SEAT_LIMIT_REACHED */
  seatsTotal?: number;
  /** FORBIDDEN: who may do it (`person`: a signed-in person, not an API key). */
  requiredRole?: 'admin' | 'member' | 'staff' | 'person';
  /** UNAUTHENTICATED: what was presented, when it was not a session (an API key). */
  credential?: 'api_key';
  /** MAILBOX_PROOF_REQUIRED: the invited address the code went to. */
  email?: string;
  /** SIGN_IN_METHOD_NOT_ALLOWED: the ways in the workspace allows this member (`password`, `passkey`, `social:<provider>`). */
  allowedWays?: string[];
  /** PROFILE_NOT_DELETABLE: each workspace that holds the person back, and why. */
  blockers?: { workspace: string; as: 'creator' | 'last_admin' }[];
  /** INVALID_INPUT: field → why (told in the caller's language). */
  fields?: Record<string, FieldProblemKind>;
}

export class AppError extends Error {
  readonly code: AppCode;
  readonly params: AppErrorParams;

  constructor(code: AppCode, params: AppErrorParams = {}) {
    super(describeError(code, params, DEFAULT_LOCALE));
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function describeError(code: AppCode, params: AppErrorParams, locale: Locale): string {
  const messages = ERROR_MESSAGES[locale] ?? ERROR_MESSAGES[DEFAULT_LOCALE];
  return messages[code](params);
}
