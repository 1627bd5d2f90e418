import { Migration } from '@mikro-orm/migrations';

export class Migration20261204010634_audit_retention_and_expired_invitations extends Migration {

  override name = 'Migration20261204010634_audit_retention_and_expired_invitations';

  override up(): void | Promise<void> {
    this.addSql(`alter table "workspace" add "audit_retention_days" int null;`);

    this.addSql(`alter table "member" add "invitation_expiry_announced_for" timestamptz null;`);
    // Invitations that expired before workspaces could hear of it are not announced all at once now.
    this.addSql(`update "member" set "invitation_expiry_announced_for" = "invitation_expires_at" where "status" = 'invited' and "invitation_expires_at" <= now();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "member" drop column "invitation_expiry_announced_for";`);

    this.addSql(`alter table "workspace" drop column "audit_retention_days";`);
  }

}
