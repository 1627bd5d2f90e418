import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040232_workspace_lifecycle extends Migration {

  override name = 'Migration20261122040232_workspace_lifecycle';

  override up(): void | Promise<void> {
    this.addSql(`create table "recovery_request" ("id" uuid not null, "workspace_id" uuid not null, "requester_id" uuid not null, "former_admin_name" varchar(200) not null, "former_admin_login" varchar(254) not null, "proposed_admin_id" uuid not null, "statement" text not null, "letter" bytea not null, "letter_type" varchar(64) not null, "letter_name" varchar(200) not null, "status" text not null default 'pending', "reviewed_by_id" uuid null, "review_note" varchar(1000) null, "reviewed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "recovery_request_status_idx" on "recovery_request" ("status", "created_at");`);

    this.addSql(`alter table "workspace" add "cleanup_warnings_sent" int not null default 0, add "creator_transfer_to" uuid null;`);

    this.addSql(`alter table "recovery_request" add constraint "recovery_request_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "recovery_request" add constraint "recovery_request_requester_id_foreign" foreign key ("requester_id") references "member" ("id") on delete cascade;`);
    this.addSql(`alter table "recovery_request" add constraint "recovery_request_proposed_admin_id_foreign" foreign key ("proposed_admin_id") references "member" ("id") on delete cascade;`);
    this.addSql(`alter table "recovery_request" add constraint "recovery_request_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "profile" ("id") on delete set null;`);
    this.addSql(`alter table "recovery_request" add constraint "recovery_request_status_check" check ("status" in ('pending', 'approved', 'rejected'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "recovery_request" cascade;`);

    this.addSql(`alter table "workspace" drop column "cleanup_warnings_sent", drop column "creator_transfer_to";`);
  }

}
