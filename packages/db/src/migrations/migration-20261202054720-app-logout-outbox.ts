import { Migration } from '@mikro-orm/migrations';

export class Migration20261202054720_app_logout_outbox extends Migration {

  override name = 'Migration20261202054720_app_logout_outbox';

  override up(): void | Promise<void> {
    this.addSql(`create table "app_logout_outbox" ("id" uuid not null, "client_id" varchar(40) not null, "account_id" varchar(255) not null, "workspace_id" uuid not null, "uri" varchar(500) not null, "created_at" timestamptz not null, "next_attempt_at" timestamptz not null, "locked_until" timestamptz null, "attempts" int not null default 0, "last_error" varchar(300) null, "delivered_at" timestamptz null, "failed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "app_logout_due_idx" on "app_logout_outbox" ("next_attempt_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "app_logout_outbox" cascade;`);
  }

}
