import { Migration } from '@mikro-orm/migrations';

export class Migration20261201211637_security_fixes extends Migration {

  override name = 'Migration20261201211637_security_fixes';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_event" add "request_id" varchar(64) null;`);

    this.addSql(`alter table "profile" add "temporary_password_used_at" timestamptz null;`);
    // An admin's suspension named no workspace, so it cannot become a workspace's exemption: the second step is asked again.
    this.addSql(`alter table "profile" drop column "two_factor_suspended_until";`);
    this.addSql(`alter table "profile" add "temporary_password_expires_at" timestamptz null;`);
    // Generated passwords handed out before this release get the new lifetime from today.
    this.addSql(`update "profile" set "temporary_password_expires_at" = now() + interval '7 days' where "must_change_password";`);

    this.addSql(`alter table "member" add "invitation_proof_hash" varchar(64) null, add "invitation_proof_profile_id" uuid null, add "invitation_proof_expires_at" timestamptz null, add "invitation_proof_attempts" int not null default 0, add "sessions_valid_from" timestamptz null, add "two_factor_exempt_at" timestamptz null, add "two_factor_exempt_until" timestamptz null;`);
    // Creators' own member rows were recorded as invitations.
    this.addSql(`update "member" m set "source" = 'creator' from "workspace" w where m."workspace_id" = w."id" and m."profile_id" = w."creator_id" and m."invited_by_id" is null and m."source" = 'invitation';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audit_event" drop column "request_id";`);

    this.addSql(`alter table "member" drop column "invitation_proof_hash", drop column "invitation_proof_profile_id", drop column "invitation_proof_expires_at", drop column "invitation_proof_attempts", drop column "sessions_valid_from", drop column "two_factor_exempt_at", drop column "two_factor_exempt_until";`);

    this.addSql(`alter table "profile" drop column "temporary_password_used_at";`);
    this.addSql(`alter table "profile" drop column "temporary_password_expires_at";`);
    this.addSql(`alter table "profile" add "two_factor_suspended_until" timestamptz null;`);
  }

}
