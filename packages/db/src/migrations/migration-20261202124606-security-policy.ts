import { Migration } from '@mikro-orm/migrations';

export class Migration20261202124606_security_policy extends Migration {

  override name = 'Migration20261202124606_security_policy';

  override up(): void | Promise<void> {
    this.addSql(`alter table "passkey_challenge" drop constraint "passkey_challenge_purpose_check";`);
    this.addSql(`alter table "passkey_challenge" add constraint "passkey_challenge_purpose_check" check ("purpose" in ('register', 'sign_in', 'confirm'));`);

    this.addSql(`alter table "workspace" add "two_factor_required_for" text not null default 'nobody', add "two_factor_grace_days" int not null default 14, add "two_factor_required_since" timestamptz null, add "allowed_ways_in" jsonb not null default '{"admins":null,"members":null}', add "session_max_hours" int null, add "recent_sign_in_minutes" int not null default 10;`);
    this.addSql(`alter table "workspace" add constraint "workspace_two_factor_required_for_check" check ("two_factor_required_for" in ('nobody', 'admins', 'everyone'));`);

    this.addSql(`alter table "session" add "way_in" varchar(64) not null default 'password', add "authenticated_at" timestamptz null, add "setup_only" boolean not null default false;`);
    // Sessions already open: proven when they began, by the way their methods tell.
    this.addSql(`update "session" set "authenticated_at" = "created_at", "way_in" = case when "amr" @> '["hwk"]' then 'passkey' when "amr" @> '["fed"]' then 'social' else 'password' end;`);
    this.addSql(`alter table "session" alter column "authenticated_at" set not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "passkey_challenge" drop constraint "passkey_challenge_purpose_check";`);
    this.addSql(`alter table "passkey_challenge" add constraint "passkey_challenge_purpose_check" check ("purpose" in ('register', 'sign_in'));`);

    this.addSql(`alter table "session" drop column "way_in", drop column "authenticated_at", drop column "setup_only";`);

    this.addSql(`alter table "workspace" drop constraint "workspace_two_factor_required_for_check";`);
    this.addSql(`alter table "workspace" drop column "two_factor_required_for", drop column "two_factor_grace_days", drop column "two_factor_required_since", drop column "allowed_ways_in", drop column "session_max_hours", drop column "recent_sign_in_minutes";`);
  }

}
