import { Migration } from '@mikro-orm/migrations';

export class Migration20261203070113_scim_provisioning extends Migration {

  override name = 'Migration20261203070113_scim_provisioning';

  override up(): void | Promise<void> {
    this.addSql(`create table "scim_token" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(80) not null, "secret_hash" varchar(64) not null, "hint" varchar(16) not null, "created_by_id" uuid null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "revoked_by_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "scim_token" add constraint "scim_token_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "scim_token_workspace_idx" on "scim_token" ("workspace_id", "created_at");`);

    this.addSql(`create table "scim_group" ("id" uuid not null, "workspace_id" uuid not null, "display_name" varchar(200) not null, "external_id" varchar(200) null, "role" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create unique index "scim_group_name_unique" on "scim_group" ("workspace_id", lower("display_name"));`);
    this.addSql(`create unique index "scim_group_external_unique" on "scim_group" ("workspace_id", "external_id") where "external_id" is not null;`);

    this.addSql(`create table "scim_group_member" ("group_id" uuid not null, "member_id" uuid not null, primary key ("group_id", "member_id"));`);
    this.addSql(`create index "scim_group_member_member_idx" on "scim_group_member" ("member_id");`);

    this.addSql(`alter table "audit_event" add "actor_scim_token_id" uuid null;`);

    this.addSql(`alter table "member" drop constraint "member_source_check";`);
    this.addSql(`alter table "member" add "external_id" varchar(200) null, add "directory_user_name" varchar(254) null, add "given_name" varchar(200) null, add "family_name" varchar(200) null, add "directory_removed_at" timestamptz null;`);
    this.addSql(`create unique index "member_directory_user_name_unique" on "member" ("workspace_id", lower("directory_user_name")) where "directory_user_name" is not null;`);
    this.addSql(`create unique index "member_external_id_unique" on "member" ("workspace_id", "external_id") where "external_id" is not null;`);
    this.addSql(`alter table "member" add constraint "member_source_check" check ("source" in ('creator', 'invitation', 'registration', 'join_link', 'domain', 'scim'));`);

    this.addSql(`alter table "scim_token" add constraint "scim_token_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "scim_token" add constraint "scim_token_created_by_id_foreign" foreign key ("created_by_id") references "profile" ("id") on delete set null;`);
    this.addSql(`alter table "scim_token" add constraint "scim_token_revoked_by_id_foreign" foreign key ("revoked_by_id") references "profile" ("id") on delete set null;`);

    this.addSql(`alter table "scim_group" add constraint "scim_group_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "scim_group" add constraint "scim_group_role_check" check ("role" in ('admin', 'employee', 'extranet'));`);

    this.addSql(`alter table "scim_group_member" add constraint "scim_group_member_group_id_foreign" foreign key ("group_id") references "scim_group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "scim_group_member" add constraint "scim_group_member_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "scim_group_member" drop constraint "scim_group_member_group_id_foreign";`);

    this.addSql(`drop table if exists "scim_token" cascade;`);
    this.addSql(`drop table if exists "scim_group" cascade;`);
    this.addSql(`drop table if exists "scim_group_member" cascade;`);

    this.addSql(`alter table "audit_event" drop column "actor_scim_token_id";`);

    this.addSql(`drop index "member_directory_user_name_unique";`);
    this.addSql(`drop index "member_external_id_unique";`);
    this.addSql(`alter table "member" drop constraint "member_source_check";`);
    this.addSql(`alter table "member" drop column "external_id", drop column "directory_user_name", drop column "given_name", drop column "family_name", drop column "directory_removed_at";`);
    this.addSql(`alter table "member" add constraint "member_source_check" check ("source" in ('creator', 'invitation', 'registration', 'join_link', 'domain'));`);
  }

}
