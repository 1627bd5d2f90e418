import { Migration } from '@mikro-orm/migrations';

export class Migration20261202162909_member_source_domain extends Migration {

  override name = 'Migration20261202162909_member_source_domain';

  override up(): void | Promise<void> {
    this.addSql(`alter table "member" drop constraint "member_source_check";`);
    this.addSql(`alter table "member" add constraint "member_source_check" check ("source" in ('creator', 'invitation', 'registration', 'join_link', 'domain'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "member" drop constraint "member_source_check";`);
    this.addSql(`alter table "member" add constraint "member_source_check" check ("source" in ('creator', 'invitation', 'registration', 'join_link'));`);
  }

}
