import { Migration } from '@mikro-orm/migrations';

export class Migration20261202025947_recovery_admin_window extends Migration {

  override name = 'Migration20261202025947_recovery_admin_window';

  override up(): void | Promise<void> {
    this.addSql(`alter table "recovery_request" drop constraint "recovery_request_status_check";`);
    this.addSql(`alter table "recovery_request" add "admins_until" timestamptz null, add "refused_by_id" uuid null;`);
    this.addSql(`alter table "recovery_request" add constraint "recovery_request_refused_by_id_foreign" foreign key ("refused_by_id") references "member" ("id") on delete set null;`);
    this.addSql(`alter table "recovery_request" add constraint "recovery_request_status_check" check ("status" in ('pending', 'approved', 'rejected', 'refused'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "recovery_request" drop constraint "recovery_request_refused_by_id_foreign";`);

    this.addSql(`alter table "recovery_request" drop constraint "recovery_request_status_check";`);
    this.addSql(`alter table "recovery_request" drop column "admins_until", drop column "refused_by_id";`);
    this.addSql(`alter table "recovery_request" add constraint "recovery_request_status_check" check ("status" in ('pending', 'approved', 'rejected'));`);
  }

}
