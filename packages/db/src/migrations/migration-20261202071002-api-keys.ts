import { Migration } from '@mikro-orm/migrations';

export class Migration20261202071002_api_keys extends Migration {

  override name = 'Migration20261202071002_api_keys';

  override up(): void | Promise<void> {
    this.addSql(`create table "api_key" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(80) not null, "role" text not null, "secret_hash" varchar(64) not null, "hint" varchar(16) not null, "created_by_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "revoked_by_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "api_key_workspace_idx" on "api_key" ("workspace_id", "created_at");`);

    this.addSql(`alter table "audit_event" add "actor_api_key_id" uuid null;`);

    this.addSql(`alter table "api_key" add constraint "api_key_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "profile" ("id") on delete set null;`);
    this.addSql(`alter table "api_key" add constraint "api_key_revoked_by_id_foreign" foreign key ("revoked_by_id") references "profile" ("id") on delete set null;`);
    this.addSql(`alter table "api_key" add constraint "api_key_role_check" check ("role" in ('reader', 'admin'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`alter table "audit_event" drop column "actor_api_key_id";`);
  }

}
