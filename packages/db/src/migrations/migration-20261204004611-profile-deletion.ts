import { Migration } from '@mikro-orm/migrations';

export class Migration20261204004611_profile_deletion extends Migration {

  override name = 'Migration20261204004611_profile_deletion';

  override up(): void | Promise<void> {
    this.addSql(`alter table "member" add "departed_profile_id" uuid null;`);
    this.addSql(`create index "member_departed_profile_idx" on "member" ("workspace_id", "departed_profile_id") where "departed_profile_id" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "member_departed_profile_idx";`);
    this.addSql(`alter table "member" drop column "departed_profile_id";`);
  }

}
