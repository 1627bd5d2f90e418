import { Migration } from '@mikro-orm/migrations';

export class Migration20261202160636_verified_domains extends Migration {

  override name = 'Migration20261202160636_verified_domains';

  override up(): void | Promise<void> {
    this.addSql(`create table "workspace_domain" ("id" uuid not null, "workspace_id" uuid not null, "domain" varchar(253) not null, "token" varchar(64) not null, "join_mode" text not null default 'none', "verified_at" timestamptz null, "checked_at" timestamptz null, "check_problem" varchar(32) null, "added_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create unique index "workspace_domain_verified_unique" on "workspace_domain" ("domain") where "verified_at" is not null;`);
    this.addSql(`create index "workspace_domain_recheck_idx" on "workspace_domain" ("checked_at") where "verified_at" is not null;`);
    this.addSql(`alter table "workspace_domain" add constraint "workspace_domain_workspace_domain_unique" unique ("workspace_id", "domain");`);

    this.addSql(`alter table "workspace_domain" add constraint "workspace_domain_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "workspace_domain" add constraint "workspace_domain_added_by_id_foreign" foreign key ("added_by_id") references "profile" ("id") on delete set null;`);
    this.addSql(`alter table "workspace_domain" add constraint "workspace_domain_join_mode_check" check ("join_mode" in ('none', 'suggest', 'join', 'sso'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "workspace_domain" cascade;`);
  }

}
