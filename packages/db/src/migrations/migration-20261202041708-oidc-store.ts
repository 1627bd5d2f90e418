import { Migration } from '@mikro-orm/migrations';

export class Migration20261202041708_oidc_store extends Migration {

  override name = 'Migration20261202041708_oidc_store';

  override up(): void | Promise<void> {
    this.addSql(`create table "oidc_record" ("model" varchar(40) not null, "id" varchar(255) not null, "payload" jsonb not null, "grant_id" varchar(255) null, "user_code" varchar(255) null, "uid" varchar(255) null, "expires_at" timestamptz null, "consumed_at" timestamptz null, primary key ("model", "id"));`);
    this.addSql(`create index "oidc_record_grant_idx" on "oidc_record" ("grant_id");`);
    this.addSql(`create index "oidc_record_uid_idx" on "oidc_record" ("model", "uid");`);
    this.addSql(`create index "oidc_record_user_code_idx" on "oidc_record" ("model", "user_code");`);
    this.addSql(`create index "oidc_record_expires_idx" on "oidc_record" ("expires_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "oidc_record" cascade;`);
  }

}
