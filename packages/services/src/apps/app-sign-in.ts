import { createHmac } from 'node:crypto';
import { findAppMember, type AppMember, type AppRecord, type EntityManager } from '@gatehouse/db';
import { AppError, appAccessRefusal, sessionCapReached, type SessionClient, type WayIn } from '@gatehouse/domain';
import { asksSecondFactor } from '../sign-in/index.ts';
import { policyAtDoor, securityPolicyOfRow } from '../security-policy/index.ts';

/*
 * The workspace's rules at the door of its apps: what the OpenID Connect
 * provider asks when it needs a client, an account, or a subject. The
 * protocol is the provider's; who may come in is decided here only.
 */

export { findAppRecord, findAppMember, type AppRecord, type AppMember } from '@gatehouse/db';

/** Why this person may not use this app now, or null: the one rule every step of the protocol asks. */
export function appRefusalOf(app: Pick<AppRecord, 'allowedRoles' | 'disabled'>, member: AppMember | null) {
  return appAccessRefusal(member, { allowedRoles: app.allowedRoles, disabled: app.disabled });
}

/** Whether the workspace asks this member for a second step that the session did not do. */
export function missingSecondFactor(member: AppMember, sessionAmr: readonly string[]): boolean {
  const asked = asksSecondFactor(
    { twoFactorEnabledAt: member.twoFactorOn ? new Date(0) : null },
    { twoFactorExemptAt: member.twoFactorExemptAt ? new Date(member.twoFactorExemptAt) : null, twoFactorExemptUntil: member.twoFactorExemptUntil ? new Date(member.twoFactorExemptUntil) : null },
  );
  return asked && !sessionAmr.includes('mfa');
}

/** The claims an app of the workspace is given (each under its scope; the provider filters). */
export function appClaims(member: AppMember, workspace: { slug: string }): Record<string, unknown> {
  return {
    sub: member.profileId,
    email: member.email,
    email_verified: member.emailVerified,
    name: member.name,
    locale: member.locale,
    workspace: { slug: workspace.slug, member_id: member.memberId, role: member.role, status: member.status },
  };
}

/**
 * The subject an app sees: the same for one person across a workspace's apps,
 * different in every other workspace, so apps of two companies cannot match
 * people up. Keyed by the server key, so it cannot be computed outside.
 */
export function pairwiseSubject(appSecret: Uint8Array, profileId: string, workspaceId: string): string {
  return createHmac('sha256', Buffer.from(appSecret)).update(`oidc-subject\0${workspaceId}\0${profileId}`).digest('base64url');
}

/** A loopback or private-scheme redirect marks a native app; the provider checks addresses by that type. */
function isNativeAddress(uri: string): boolean {
  const url = new URL(uri);
  return url.protocol !== 'https:' && url.protocol !== 'http:';
}

/**
 * The app as the provider registers a client. A disabled app is no client at
 * all (`invalid_client`). The secret stays a hash: the provider's comparison
 * is replaced by `appSecretMatches`. Subjects are pairwise per workspace: the
 * sector named is the workspace (never fetched; the provider's validation of it is off).
 */
export function appClientMetadata(app: AppRecord, issuer: string): Record<string, unknown> | undefined {
  if (app.disabled) return undefined;
  const people = app.kind !== 'machine';
  return {
    client_id: app.appId,
    client_name: app.appName,
    ...(app.logoUrl ? { logo_uri: app.logoUrl } : {}),
    application_type: app.kind === 'public' && app.redirectUris.some(isNativeAddress) ? 'native' : 'web',
    ...(app.kind === 'public' ? { token_endpoint_auth_method: 'none' } : { token_endpoint_auth_method: 'client_secret_basic', client_secret: app.secretHash ?? '' }),
    grant_types: people ? ['authorization_code', 'refresh_token'] : ['client_credentials'],
    response_types: people ? ['code'] : [],
    redirect_uris: people ? app.redirectUris : [],
    post_logout_redirect_uris: people ? app.postLogoutRedirectUris : [],
    ...(people && app.backchannelLogoutUri ? { backchannel_logout_uri: app.backchannelLogoutUri, backchannel_logout_session_required: false } : {}),
    ...(people ? { subject_type: 'pairwise', sector_identifier_uri: `https://${new URL(issuer).host}/oidc/workspaces/${app.workspaceId}` } : {}),
    // What every later step needs of the app travels with the client, so no step reads the app again.
    gatehouse_workspace_id: app.workspaceId,
    gatehouse_workspace_slug: app.workspaceSlug,
    gatehouse_allowed_roles: app.allowedRoles,
    gatehouse_first_party: app.skipConsent,
    gatehouse_previous_secret_hash: app.previousSecretHash,
    gatehouse_previous_secret_expires_at: app.previousSecretExpiresAt ? new Date(app.previousSecretExpiresAt).toISOString() : null,
  };
}

/** What an app's door needs of the Gatehouse session in the browser. */
export interface AppDoorSession {
  profileId: string;
  amr: readonly string[];
  createdAt: Date;
  client: SessionClient;
  wayIn: WayIn;
  setupOnly: boolean;
}

/** What the person at an app's door is led to next. */
export type AppDoorStep =
  | { step: 'sign_in'; reason: 'no_session' | 'two_factor' | 'session_ended' | 'login_requested' }
  | { step: 'refused'; code: 'NO_ACCESS' | 'MEMBER_DISMISSED' | 'APP_NOT_ALLOWED' | 'TWO_FACTOR_REQUIRED_BY_POLICY' | 'SIGN_IN_METHOD_NOT_ALLOWED' }
  | { step: 'admitted'; member: AppMember };

/**
 * The door of one app for the person signed in to Gatehouse (or nobody):
 * sign in (first, again with the second step the workspace asks for, or
 * afresh when the app asked for it), refused with the seeds' reason, or admitted.
 */
export async function appDoor(
  em: EntityManager,
  options: { app: Pick<AppRecord, 'workspaceId' | 'allowedRoles' | 'disabled'>; session: AppDoorSession | null; signedInAfter?: Date | null },
): Promise<AppDoorStep> {
  const { app, session } = options;
  if (!session) return { step: 'sign_in', reason: 'no_session' };
  if (options.signedInAfter && session.createdAt < options.signedInAfter) return { step: 'sign_in', reason: 'login_requested' };
  const member = await findAppMember(em, { profileId: session.profileId, workspaceId: app.workspaceId });
  const refusal = appRefusalOf(app, member);
  if (refusal) return { step: 'refused', code: refusal };
  if (member!.sessionsValidFrom && new Date(member!.sessionsValidFrom) > session.createdAt) return { step: 'sign_in', reason: 'session_ended' };
  // The workspace's security policy, as at each of its doors: its session cap, its ways in, its required second step.
  const policy = securityPolicyOfRow(member!.policy);
  if (sessionCapReached(policy, session, new Date())) return { step: 'sign_in', reason: 'session_ended' };
  try {
    const { setupOnly } = await policyAtDoor(em, { policy, workspaceId: app.workspaceId, member: { role: member!.role, joinedAt: new Date(member!.joinedAt) }, profileId: session.profileId, wayIn: session.wayIn });
    if (setupOnly || session.setupOnly) return { step: 'refused', code: 'TWO_FACTOR_REQUIRED_BY_POLICY' };
  } catch (error) {
    if (error instanceof AppError && error.code === 'SIGN_IN_METHOD_NOT_ALLOWED') return { step: 'refused', code: 'SIGN_IN_METHOD_NOT_ALLOWED' };
    throw error;
  }
  if (missingSecondFactor(member!, session.amr)) return { step: 'sign_in', reason: 'two_factor' };
  return { step: 'admitted', member: member! };
}
