import { Migration } from '@mikro-orm/migrations';

export class Migration20261203104313_sso_connections extends Migration {

  override name = 'Migration20261203104313_sso_connections';

  override up(): void | Promise<void> {
    this.addSql(`create table "sso_connection" ("id" uuid not null, "workspace_id" uuid not null, "kind" varchar(8) not null, "name" varchar(80) not null, "enabled" boolean not null default true, "default_role" varchar(16) not null default 'employee', "email_attribute" varchar(200) null, "name_attribute" varchar(200) null, "role_attribute" varchar(200) null, "role_mappings" jsonb not null default '[]', "oidc_issuer" varchar(500) null, "oidc_client_id" varchar(500) null, "oidc_client_secret_sealed" text null, "saml_entity_id" varchar(500) null, "saml_sso_url" varchar(500) null, "saml_certificates" jsonb not null default '[]', "saml_allow_idp_initiated" boolean not null default false, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "sso_connection_workspace_idx" on "sso_connection" ("workspace_id", "created_at");`);

    this.addSql(`create table "sso_event" ("id" uuid not null, "connection_id" uuid not null, "succeeded" boolean not null, "reason" varchar(32) null, "detail" varchar(300) null, "email" varchar(320) null, "profile_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "sso_event_connection_idx" on "sso_event" ("connection_id", "created_at");`);

    this.addSql(`create table "saml_assertion" ("connection_id" uuid not null, "assertion_id" varchar(256) not null, "expires_at" timestamptz not null, primary key ("connection_id", "assertion_id"));`);
    this.addSql(`create index "saml_assertion_expires_idx" on "saml_assertion" ("expires_at");`);

    this.addSql(`alter table "member" drop constraint "member_source_check";`);
    this.addSql(`alter table "member" add constraint "member_source_check" check ("source" in ('creator', 'invitation', 'registration', 'join_link', 'domain', 'scim', 'sso'));`);

    this.addSql(`alter table "sso_connection" add constraint "sso_connection_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "sso_connection" add constraint "sso_connection_created_by_id_foreign" foreign key ("created_by_id") references "profile" ("id") on delete set null;`);

    this.addSql(`alter table "sso_event" add constraint "sso_event_connection_id_foreign" foreign key ("connection_id") references "sso_connection" ("id") on delete cascade;`);
    this.addSql(`alter table "sso_event" add constraint "sso_event_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete set null;`);

    this.addSql(`alter table "saml_assertion" add constraint "saml_assertion_connection_id_foreign" foreign key ("connection_id") references "sso_connection" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sso_event" drop constraint "sso_event_connection_id_foreign";`);
    this.addSql(`alter table "saml_assertion" drop constraint "saml_assertion_connection_id_foreign";`);

    this.addSql(`drop table if exists "sso_connection" cascade;`);
    this.addSql(`drop table if exists "sso_event" cascade;`);
    this.addSql(`drop table if exists "saml_assertion" cascade;`);

    this.addSql(`alter table "member" drop constraint "member_source_check";`);
    this.addSql(`alter table "member" add constraint "member_source_check" check ("source" in ('creator', 'invitation', 'registration', 'join_link', 'domain', 'scim'));`);
  }

}
