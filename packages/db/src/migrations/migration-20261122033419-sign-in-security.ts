import { Migration } from '@mikro-orm/migrations';

export class Migration20261122033419_sign_in_security extends Migration {

  override name = 'Migration20261122033419_sign_in_security';

  override up(): void | Promise<void> {
    this.addSql(`create table "known_device" ("id" uuid not null, "profile_id" uuid not null, "device_hash" varchar(64) not null, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "known_device" add constraint "known_device_profile_hash_unique" unique ("profile_id", "device_hash");`);

    this.addSql(`create table "identity" ("id" uuid not null, "profile_id" uuid not null, "provider" varchar(64) not null, "subject" varchar(255) not null, "email" varchar(254) null, "created_at" timestamptz not null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "identity_profile_idx" on "identity" ("profile_id");`);
    this.addSql(`alter table "identity" add constraint "identity_provider_subject_unique" unique ("provider", "subject");`);

    this.addSql(`create table "rate_limit" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, primary key ("key"));`);

    this.addSql(`create table "recovery_code" ("id" uuid not null, "profile_id" uuid not null, "code_hash" varchar(64) not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "recovery_code" add constraint "recovery_code_profile_hash_unique" unique ("profile_id", "code_hash");`);

    this.addSql(`create table "two_factor_challenge" ("id" uuid not null, "profile_id" uuid not null, "workspace_id" uuid null, "client" text not null, "method" varchar(32) not null, "attempts" int not null default 0, "expires_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`alter table "profile" add "password_changed_at" timestamptz null, add "totp_secret_encrypted" text null, add "two_factor_enabled_at" timestamptz null, add "totp_last_step" bigint null, add "two_factor_suspended_until" timestamptz null;`);

    this.addSql(`alter table "known_device" add constraint "known_device_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete cascade;`);

    this.addSql(`alter table "identity" add constraint "identity_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete cascade;`);

    this.addSql(`alter table "recovery_code" add constraint "recovery_code_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete cascade;`);

    this.addSql(`alter table "two_factor_challenge" add constraint "two_factor_challenge_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete cascade;`);
    this.addSql(`alter table "two_factor_challenge" add constraint "two_factor_challenge_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "two_factor_challenge" add constraint "two_factor_challenge_client_check" check ("client" in ('browser', 'desktop'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "known_device" cascade;`);
    this.addSql(`drop table if exists "identity" cascade;`);
    this.addSql(`drop table if exists "rate_limit" cascade;`);
    this.addSql(`drop table if exists "recovery_code" cascade;`);
    this.addSql(`drop table if exists "two_factor_challenge" cascade;`);

    this.addSql(`alter table "profile" drop column "password_changed_at", drop column "totp_secret_encrypted", drop column "two_factor_enabled_at", drop column "totp_last_step", drop column "two_factor_suspended_until";`);
  }

}
