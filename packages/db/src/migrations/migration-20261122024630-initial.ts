import { Migration } from '@mikro-orm/migrations';

export class Migration20261122024630_initial extends Migration {

  override name = 'Migration20261122024630_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "profile" ("id" uuid not null, "email" varchar(254) not null, "email_verified_at" timestamptz null, "password_hash" text null, "must_change_password" boolean not null default false, "name" varchar(200) not null, "locale" text not null default 'en', "is_staff" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "profile" add constraint "profile_email_unique" unique ("email");`);

    this.addSql(`create table "workspace" ("id" uuid not null, "slug" varchar(40) not null, "name" varchar(120) not null, "plan" text not null default 'free', "anyone_can_invite" boolean not null default false, "session_idle_minutes" int null, "creator_id" uuid not null, "last_sign_in_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "workspace" add constraint "workspace_slug_unique" unique ("slug");`);

    this.addSql(`create table "session" ("id" varchar(32) not null, "secret_hash" varchar(64) not null, "profile_id" uuid not null, "workspace_id" uuid null, "client" text not null, "user_agent" varchar(512) null, "ip_address" varchar(64) null, "created_at" timestamptz not null, "last_active_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "session_profile_idx" on "session" ("profile_id");`);
    this.addSql(`create index "session_workspace_idx" on "session" ("workspace_id");`);
    this.addSql(`create index "session_expires_idx" on "session" ("expires_at");`);

    this.addSql(`create table "member" ("id" uuid not null, "workspace_id" uuid not null, "profile_id" uuid null, "role" text not null default 'employee', "status" text not null, "name" varchar(200) not null, "contact_email" varchar(254) null, "mailbox_email" varchar(254) null, "position" varchar(200) null, "invited_by_id" uuid null, "joined_at" timestamptz null, "dismissed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "member_directory_idx" on "member" ("workspace_id", "name", "id");`);
    this.addSql(`create index "member_status_directory_idx" on "member" ("workspace_id", "status", "name", "id");`);
    this.addSql(`create index "member_contact_email_idx" on "member" ("workspace_id", "contact_email");`);
    this.addSql(`create index "member_profile_idx" on "member" ("profile_id");`);
    this.addSql(`alter table "member" add constraint "member_workspace_profile_unique" unique ("workspace_id", "profile_id");`);

    this.addSql(`alter table "profile" add constraint "profile_locale_check" check ("locale" in ('en', 'fr', 'de', 'it'));`);

    this.addSql(`alter table "workspace" add constraint "workspace_creator_id_foreign" foreign key ("creator_id") references "profile" ("id");`);
    this.addSql(`alter table "workspace" add constraint "workspace_plan_check" check ("plan" in ('free', 'standard', 'professional', 'enterprise'));`);

    this.addSql(`alter table "session" add constraint "session_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete cascade;`);
    this.addSql(`alter table "session" add constraint "session_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "session" add constraint "session_client_check" check ("client" in ('browser', 'desktop'));`);

    this.addSql(`alter table "member" add constraint "member_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "member" add constraint "member_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete set null;`);
    this.addSql(`alter table "member" add constraint "member_invited_by_id_foreign" foreign key ("invited_by_id") references "profile" ("id") on delete set null;`);
    this.addSql(`alter table "member" add constraint "member_role_check" check ("role" in ('admin', 'employee', 'extranet'));`);
    this.addSql(`alter table "member" add constraint "member_status_check" check ("status" in ('active', 'invited', 'awaiting_approval', 'dismissed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "workspace" drop constraint "workspace_creator_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_profile_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_profile_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_invited_by_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_workspace_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_workspace_id_foreign";`);

    this.addSql(`drop table if exists "profile" cascade;`);
    this.addSql(`drop table if exists "workspace" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "member" cascade;`);
  }

}
