import { Migration } from '@mikro-orm/migrations';

export class Migration20261202015500_join_domains_list extends Migration {

  override name = 'Migration20261202015500_join_domains_list';

  override up(): void | Promise<void> {
    // Workspaces created before this release stored their (empty) allowed domains as the JSON text "[]", not a list.
    this.addSql(`update "workspace" set "join_allowed_domains" = '[]'::jsonb where jsonb_typeof("join_allowed_domains") = 'string';`);
  }

  override down(): void | Promise<void> {
    // Nothing to undo: a list is what every reader expects.
  }

}
