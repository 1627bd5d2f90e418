import { Migration } from '@mikro-orm/migrations';

export class Migration20261202042038_signing_keys extends Migration {

  override name = 'Migration20261202042038_signing_keys';

  override up(): void | Promise<void> {
    this.addSql(`create table "signing_key" ("id" varchar(64) not null, "alg" text not null, "private_jwk_sealed" text not null, "created_at" timestamptz not null, "retired_at" timestamptz null, "published_until" timestamptz null, primary key ("id"));`);

    this.addSql(`alter table "signing_key" add constraint "signing_key_alg_check" check ("alg" in ('ES256', 'RS256'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "signing_key" cascade;`);
  }

}
