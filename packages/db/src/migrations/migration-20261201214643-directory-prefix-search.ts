import { Migration } from '@mikro-orm/migrations';

export class Migration20261201214643_directory_prefix_search extends Migration {

  override name = 'Migration20261201214643_directory_prefix_search';

  override up(): void | Promise<void> {
    this.addSql(`create index "member_name_prefix_idx" on "member" (lower("name") text_pattern_ops, "workspace_id");`);
    this.addSql(`create index "member_contact_email_prefix_idx" on "member" (lower("contact_email") text_pattern_ops, "workspace_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "member_name_prefix_idx";`);
    this.addSql(`drop index "member_contact_email_prefix_idx";`);
  }

}
