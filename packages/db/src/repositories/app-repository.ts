import type { EntityManager } from '@mikro-orm/postgresql';
import type { MemberRole, MemberStatus } from '@gatehouse/domain';
import { queryPrepared } from '../sql.ts';

/*
 * What the OpenID Connect door reads at every step (authorize, token,
 * userinfo): the app with its workspace, and one person's membership there,
 * each in one indexed query without entities.
 */

/** One query's worth of what the door needs: the app, its workspace, and the person's membership there (if any). */
export interface AppRecord {
  appId: string;
  appName: string;
  logoUrl: string | null;
  kind: 'web' | 'public' | 'machine';
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  allowedRoles: MemberRole[];
  skipConsent: boolean;
  disabled: boolean;
  secretHash: string | null;
  previousSecretHash: string | null;
  previousSecretExpiresAt: string | null;
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
}

const APP_COLUMNS = `a.id as "appId", a.name as "appName", a.logo_url as "logoUrl", a.kind, a.redirect_uris as "redirectUris",
  a.post_logout_redirect_uris as "postLogoutRedirectUris", a.backchannel_logout_uri as "backchannelLogoutUri",
  a.allowed_roles as "allowedRoles", a.skip_consent as "skipConsent", a.disabled_at is not null as disabled, a.secret_hash as "secretHash",
  a.previous_secret_hash as "previousSecretHash", a.previous_secret_expires_at as "previousSecretExpiresAt",
  w.id as "workspaceId", w.slug as "workspaceSlug", w.name as "workspaceName"`;

export async function findAppRecord(em: EntityManager, clientId: string): Promise<AppRecord | null> {
  if (!/^app_[a-z0-9]{20}$/.test(clientId)) return null;
  const [row] = await queryPrepared<AppRecord>(em, 'gatehouse_find_app', `select ${APP_COLUMNS} from workspace_app a join workspace w on w.id = a.workspace_id where a.id = $1`, [clientId]);
  return row ?? null;
}

/** The person as one app of a workspace may know them. */
export interface AppMember {
  profileId: string;
  email: string;
  emailVerified: boolean;
  locale: string;
  memberId: string;
  name: string;
  role: MemberRole;
  status: MemberStatus;
  twoFactorOn: boolean;
  twoFactorExemptAt: string | null;
  twoFactorExemptUntil: string | null;
  sessionsValidFrom: string | null;
  /** When the member joined (or was added): their grace period under the workspace's policy starts there. */
  joinedAt: string;
  /** The workspace's security policy, by its column names. */
  policy: Record<string, unknown>;
}

export async function findAppMember(em: EntityManager, options: { profileId: string; workspaceId: string }): Promise<AppMember | null> {
  const [row] = await queryPrepared<AppMember>(
    em,
    'gatehouse_find_app_member',
    `select p.id as "profileId", p.email, p.email_verified_at is not null as "emailVerified", p.locale, p.two_factor_enabled_at is not null as "twoFactorOn",
            m.id as "memberId", m.name, m.role, m.status, m.two_factor_exempt_at as "twoFactorExemptAt", m.two_factor_exempt_until as "twoFactorExemptUntil",
            m.sessions_valid_from as "sessionsValidFrom", coalesce(m.joined_at, m.created_at) as "joinedAt",
            jsonb_build_object('two_factor_required_for', w.two_factor_required_for, 'two_factor_grace_days', w.two_factor_grace_days,
              'two_factor_required_since', w.two_factor_required_since, 'allowed_ways_in', w.allowed_ways_in,
              'session_max_hours', w.session_max_hours, 'recent_sign_in_minutes', w.recent_sign_in_minutes) as policy
       from member m join profile p on p.id = m.profile_id join workspace w on w.id = m.workspace_id
      where m.profile_id = $1 and m.workspace_id = $2`,
    [options.profileId, options.workspaceId],
  );
  return row ?? null;
}

