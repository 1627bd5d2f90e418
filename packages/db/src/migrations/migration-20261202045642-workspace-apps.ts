import { Migration } from '@mikro-orm/migrations';

export class Migration20261202045642_workspace_apps extends Migration {

  override name = 'Migration20261202045642_workspace_apps';

  override up(): void | Promise<void> {
    this.addSql(`create table "workspace_app" ("id" varchar(40) not null, "workspace_id" uuid not null, "name" varchar(120) not null, "logo_url" varchar(500) null, "kind" text not null, "redirect_uris" jsonb not null default '[]', "post_logout_redirect_uris" jsonb not null default '[]', "backchannel_logout_uri" varchar(500) null, "allowed_roles" jsonb not null default '["admin","employee","extranet"]', "skip_consent" boolean not null default false, "secret_hash" varchar(64) null, "previous_secret_hash" varchar(64) null, "previous_secret_expires_at" timestamptz null, "disabled_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "workspace_app_workspace_idx" on "workspace_app" ("workspace_id", "name");`);

    this.addSql(`alter table "oidc_record" add "account_id" varchar(255) null, add "client_id" varchar(255) null;`);
    this.addSql(`create index "oidc_record_account_idx" on "oidc_record" ("account_id", "client_id");`);
    this.addSql(`create index "oidc_record_client_idx" on "oidc_record" ("client_id");`);

    this.addSql(`alter table "session" add "amr" jsonb not null default '["pwd"]';`);

    this.addSql(`alter table "workspace_app" add constraint "workspace_app_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on delete cascade;`);
    this.addSql(`alter table "workspace_app" add constraint "workspace_app_created_by_id_foreign" foreign key ("created_by_id") references "profile" ("id") on delete set null;`);
    this.addSql(`alter table "workspace_app" add constraint "workspace_app_kind_check" check ("kind" in ('web', 'public', 'machine'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "workspace_app" cascade;`);

    this.addSql(`drop index "oidc_record_account_idx";`);
    this.addSql(`drop index "oidc_record_client_idx";`);
    this.addSql(`alter table "oidc_record" drop column "account_id", drop column "client_id";`);

    this.addSql(`alter table "session" drop column "amr";`);
  }

}
