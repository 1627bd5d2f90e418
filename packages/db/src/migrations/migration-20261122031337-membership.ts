import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031337_membership extends Migration {

  override name = 'Migration20261122031337_membership';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_event" ("id" uuid not null, "workspace_id" uuid null, "actor_profile_id" uuid null, "action" varchar(64) not null, "target_member_id" uuid null, "target_profile_id" uuid null, "details" jsonb null, "ip_address" varchar(64) null, "user_agent" varchar(512) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "audit_workspace_idx" on "audit_event" ("workspace_id", "created_at", "id");`);
    this.addSql(`create index "audit_profile_idx" on "audit_event" ("target_profile_id", "created_at");`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "to_address" varchar(254) not null, "kind" varchar(64) not null, "locale" text not null, "subject" varchar(300) not null, "text_body" text null, "html_body" text null, "created_at" timestamptz not null, "next_attempt_at" timestamptz not null, "locked_until" timestamptz null, "attempts" int not null default 0, "last_error" varchar(1000) null, "sent_at" timestamptz null, "failed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "outbox_due_idx" on "outbox_message" ("next_attempt_at");`);

    this.addSql(`create table "profile_token" ("id" uuid not null, "profile_id" uuid not null, "purpose" text not null, "token_hash" varchar(64) not null, "new_email" varchar(254) null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "profile_token" add constraint "profile_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "profile_token_profile_idx" on "profile_token" ("profile_id", "purpose");`);

    this.addSql(`create table "task" ("id" uuid not null, "workspace_id" uuid not null, "assignee_id" uuid not null, "kind" text not null default 'custom', "title" varchar(200) not null, "completed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "task_assignee_idx" on "task" ("assignee_id");`);

    this.addSql(`alter table "workspace" add "join_link_version" int not null default 1, add "join_enabled" boolean not null default false, add "join_requires_approval" boolean not null default true, add "join_allowed_domains" jsonb not null default '[]', add "join_role" text not null default 'employee', add "join_expires_at" timestamptz null;`);
    this.addSql(`alter table "workspace" add constraint "workspace_join_role_check" check ("join_role" in ('employee', 'extranet'));`);

    this.addSql(`alter table "member" add "source" text not null default 'invitation', add "invitation_token_hash" varchar(64) null, add "invitation_expires_at" timestamptz null, add "invitation_message" varchar(2000) null, add "invitation_sent_at" timestamptz null, add "invitation_send_count" int not null default 0;`);
    this.addSql(`alter table "member" add constraint "member_invitation_token_unique" unique ("invitation_token_hash");`);
    this.addSql(`alter table "member" add constraint "member_source_check" check ("source" in ('creator', 'invitation', 'registration', 'join_link'));`);

    this.addSql(`alter table "outbox_message" add constraint "outbox_message_locale_check" check ("locale" in ('en', 'fr', 'de', 'it'));`);

    this.addSql(`alter table "profile_token" add constraint "profile_token_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete cascade;`);
    this.addSql(`alter table "profile_token" add constraint "profile_token_purpose_check" check ("purpose" in ('verify_email', 'reset_password', 'change_email'));`);

    this.addSql(`alter table "task" add constraint "task_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "task" add constraint "task_assignee_id_foreign" foreign key ("assignee_id") references "member" ("id") on delete cascade;`);
    this.addSql(`alter table "task" add constraint "task_kind_check" check ("kind" in ('complete_profile', 'custom'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "profile_token" cascade;`);
    this.addSql(`drop table if exists "task" cascade;`);

    this.addSql(`alter table "member" drop constraint "member_invitation_token_unique";`);
    this.addSql(`alter table "member" drop constraint "member_source_check";`);
    this.addSql(`alter table "member" drop column "source", drop column "invitation_token_hash", drop column "invitation_expires_at", drop column "invitation_message", drop column "invitation_sent_at", drop column "invitation_send_count";`);

    this.addSql(`alter table "workspace" drop constraint "workspace_join_role_check";`);
    this.addSql(`alter table "workspace" drop column "join_link_version", drop column "join_enabled", drop column "join_requires_approval", drop column "join_allowed_domains", drop column "join_role", drop column "join_expires_at";`);
  }

}
