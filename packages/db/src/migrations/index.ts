// Every migration, in order. `pnpm db:migration:create` regenerates this list.
import { Migration20261122024630_initial as m0 } from './migration-20261122024630-initial.ts';
import { Migration20261122031337_membership as m1 } from './migration-20261122031337-membership.ts';
import { Migration20261122033419_sign_in_security as m2 } from './migration-20261122033419-sign-in-security.ts';
import { Migration20261122040232_workspace_lifecycle as m3 } from './migration-20261122040232-workspace-lifecycle.ts';
import { Migration20261122045536_directory_search as m4 } from './migration-20261122045536-directory-search.ts';
import { Migration20261201211637_security_fixes as m5 } from './migration-20261201211637-security-fixes.ts';
import { Migration20261201214643_directory_prefix_search as m6 } from './migration-20261201214643-directory-prefix-search.ts';
import { Migration20261202015500_join_domains_list as m7 } from './migration-20261202015500-join-domains-list.ts';
import { Migration20261202025947_recovery_admin_window as m8 } from './migration-20261202025947-recovery-admin-window.ts';
import { Migration20261202041708_oidc_store as m9 } from './migration-20261202041708-oidc-store.ts';
import { Migration20261202042038_signing_keys as m10 } from './migration-20261202042038-signing-keys.ts';
import { Migration20261202045642_workspace_apps as m11 } from './migration-20261202045642-workspace-apps.ts';
import { Migration20261202054720_app_logout_outbox as m12 } from './migration-20261202054720-app-logout-outbox.ts';
import { Migration20261202071002_api_keys as m13 } from './migration-20261202071002-api-keys.ts';
import { Migration20261202075340_passkeys as m14 } from './migration-20261202075340-passkeys.ts';
import { Migration20261202124606_security_policy as m15 } from './migration-20261202124606-security-policy.ts';
import { Migration20261202160636_verified_domains as m16 } from './migration-20261202160636-verified-domains.ts';
import { Migration20261202162909_member_source_domain as m17 } from './migration-20261202162909-member-source-domain.ts';
import { Migration20261203070113_scim_provisioning as m18 } from './migration-20261203070113-scim-provisioning.ts';
import { Migration20261203104313_sso_connections as m19 } from './migration-20261203104313-sso-connections.ts';
import { Migration20261203191231_webhooks as m20 } from './migration-20261203191231-webhooks.ts';
import { Migration20261204004611_profile_deletion as m21 } from './migration-20261204004611-profile-deletion.ts';
import { Migration20261204010634_audit_retention_and_expired_invitations as m22 } from './migration-20261204010634-audit-retention-and-expired-invitations.ts';

export const MIGRATIONS = [
  { name: 'migration-20261122024630-initial', class: m0 },
  { name: 'migration-20261122031337-membership', class: m1 },
  { name: 'migration-20261122033419-sign-in-security', class: m2 },
  { name: 'migration-20261122040232-workspace-lifecycle', class: m3 },
  { name: 'migration-20261122045536-directory-search', class: m4 },
  { name: 'migration-20261201211637-security-fixes', class: m5 },
  { name: 'migration-20261201214643-directory-prefix-search', class: m6 },
  { name: 'migration-20261202015500-join-domains-list', class: m7 },
  { name: 'migration-20261202025947-recovery-admin-window', class: m8 },
  { name: 'migration-20261202041708-oidc-store', class: m9 },
  { name: 'migration-20261202042038-signing-keys', class: m10 },
  { name: 'migration-20261202045642-workspace-apps', class: m11 },
  { name: 'migration-20261202054720-app-logout-outbox', class: m12 },
  { name: 'migration-20261202071002-api-keys', class: m13 },
  { name: 'migration-20261202075340-passkeys', class: m14 },
  { name: 'migration-20261202124606-security-policy', class: m15 },
  { name: 'migration-20261202160636-verified-domains', class: m16 },
  { name: 'migration-20261202162909-member-source-domain', class: m17 },
  { name: 'migration-20261203070113-scim-provisioning', class: m18 },
  { name: 'migration-20261203104313-sso-connections', class: m19 },
  { name: 'migration-20261203191231-webhooks', class: m20 },
  { name: 'migration-20261204004611-profile-deletion', class: m21 },
  { name: 'migration-20261204010634-audit-retention-and-expired-invitations', class: m22 },
];
