import { Migration } from '@mikro-orm/migrations';

export class Migration20261122045536_directory_search extends Migration {

  override name = 'Migration20261122045536_directory_search';

  override up(): void | Promise<void> {
    // A trusted extension (PostgreSQL 13+): the database owner may create it.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create index "member_name_trgm_idx" on "member" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "member_contact_email_trgm_idx" on "member" using gin ("contact_email" gin_trgm_ops);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "member_name_trgm_idx";`);
    this.addSql(`drop index "member_contact_email_trgm_idx";`);
  }

}
