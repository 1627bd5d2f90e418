import { Migration } from '@mikro-orm/migrations';

export class Migration20261202152548_passkey_ceremonies_signed extends Migration {

  override name = 'Migration20261202152548_passkey_ceremonies_signed';

  override up(): void | Promise<void> {
    this.addSql(`create table "passkey_ceremony_spent" ("id" uuid not null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "passkey_ceremony_spent_expires_idx" on "passkey_ceremony_spent" ("expires_at");`);

    // Ceremonies in flight when this runs are refused; the person starts again.
    this.addSql(`drop table if exists "passkey_challenge" cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create table "passkey_challenge" ("challenge" varchar(128) not null, "expires_at" timestamptz(6) not null, "id" uuid not null, "profile_id" uuid null, "purpose" text not null, primary key ("id"));`);
    this.addSql(`create index "passkey_challenge_expires_idx" on "passkey_challenge" ("expires_at");`);

    this.addSql(`drop table if exists "passkey_ceremony_spent" cascade;`);

    this.addSql(`alter table "passkey_challenge" add constraint "passkey_challenge_profile_id_foreign" foreign key ("profile_id") references "profile" ("id") on delete cascade;`);
    this.addSql(`alter table "passkey_challenge" add constraint "passkey_challenge_purpose_check" check ("purpose" in ('register', 'sign_in', 'confirm'));`);
  }

}
