import { Migration } from '@mikro-orm/migrations';

export class Migration20261203191231_webhooks extends Migration {

  override name = 'Migration20261203191231_webhooks';

  override up(): void | Promise<void> {
    this.addSql(`create table "webhook_event" ("seq" bigserial primary key, "id" uuid not null, "workspace_id" uuid not null, "type" varchar(60) not null, "member_id" uuid null, "data" jsonb not null, "payload" text null, "created_at" timestamptz not null, "fanned_out_at" timestamptz null);`);
    this.addSql(`alter table "webhook_event" add constraint "webhook_event_id_unique" unique ("id");`);
    this.addSql(`create index "webhook_event_pending_idx" on "webhook_event" ("seq") where "fanned_out_at" is null;`);

    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "workspace_id" uuid not null, "url" varchar(500) not null, "description" varchar(200) not null default '', "events" jsonb not null default '[]', "secret_sealed" varchar(200) not null, "previous_secret_sealed" varchar(200) null, "previous_secret_expires_at" timestamptz null, "enabled" boolean not null default true, "disabled_reason" text null, "failing_since" timestamptz null, "last_success_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_endpoint_workspace_idx" on "webhook_endpoint" ("workspace_id", "created_at");`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "endpoint_id" uuid not null, "event_seq" bigint not null, "ordering_key" varchar(40) not null, "state" text not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "locked_until" timestamptz null, "last_status" int null, "last_error" varchar(300) null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_due_idx" on "webhook_delivery" ("next_attempt_at") where "state" = 'pending';`);
    this.addSql(`create index "webhook_delivery_queue_idx" on "webhook_delivery" ("endpoint_id", "ordering_key", "event_seq") where "state" = 'pending';`);
    this.addSql(`create index "webhook_delivery_endpoint_idx" on "webhook_delivery" ("endpoint_id", "created_at");`);

    this.addSql(`create table "webhook_attempt" ("id" uuid not null, "delivery_id" uuid not null, "attempted_at" timestamptz not null, "status" int null, "error" varchar(300) null, "duration_ms" int not null, primary key ("id"));`);
    this.addSql(`create index "webhook_attempt_delivery_idx" on "webhook_attempt" ("delivery_id", "attempted_at");`);

    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_created_by_id_foreign" foreign key ("created_by_id") references "profile" ("id") on delete set null;`);
    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_disabled_reason_check" check ("disabled_reason" in ('admin', 'failing'));`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_event_seq_foreign" foreign key ("event_seq") references "webhook_event" ("seq") on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_state_check" check ("state" in ('pending', 'delivered', 'failed'));`);

    this.addSql(`alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_event_seq_foreign";`);
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);
    this.addSql(`alter table "webhook_attempt" drop constraint "webhook_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "webhook_event" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_attempt" cascade;`);
  }

}
