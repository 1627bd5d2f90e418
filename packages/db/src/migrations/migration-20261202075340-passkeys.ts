import { Migration } from '@mikro-orm/migrations';

export class Migration20261202075340_passkeys extends Migration {

  override name = 'Migration20261202075340_passkeys';

  override up(): void | Promise<void> {
    this.addSql(`create table "passkey_challenge" ("id" uuid not null, "challenge" varchar(128) not null, "purpose" text not null, "profile_id" uuid null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "passkey_challenge_expires_idx" on "passkey_challenge" ("expires_at");`);

    this.addSql(`create table "passkey" ("id" uuid not null, "profile_id" uuid not null, "credential_id" varchar(512) not null, "public_key" text not null, "counter" double precision not null default 0, "transports" jsonb not null default '[]', "device_type" text not null, "backed_up" boolean not null default false, "aaguid" varchar(36) null, "name" varchar(60) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "suspected_clone_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "passkey" add constraint "passkey_credential_unique" unique ("credential_id");`);
    this.addSql(`create index "passkey_profile_idx" on "passkey" ("profile_id", "created_at");`);

    this.addSql(`alter table "profile" add "webauthn_user_id" varchar(64) null;`);
    this.addSql(`alter table "profile" add constraint "profile_webauthn_user_unique" unique ("webauthn_user_id");`);

    this.addSql(`alter table "passkey_challenge" add constraint "passkey_challenge_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete cascade;`);
    this.addSql(`alter table "passkey_challenge" add constraint "passkey_challenge_purpose_check" check ("purpose" in ('register', 'sign_in'));`);

    this.addSql(`alter table "passkey" add constraint "passkey_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete cascade;`);
    this.addSql(`alter table "passkey" add constraint "passkey_device_type_check" check ("device_type" in ('singleDevice', 'multiDevice'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "passkey_challenge" cascade;`);
    this.addSql(`drop table if exists "passkey" cascade;`);

    this.addSql(`alter table "profile" drop constraint "profile_webauthn_user_unique";`);
    this.addSql(`alter table "profile" drop column "webauthn_user_id";`);
  }

}
