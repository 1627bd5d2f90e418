// Every migration, in order. `pnpm db:migration:create` regenerates this list.
import { Migration20261122024630_initial as m0 } from './migration-20261122024630-initial.ts';

export const MIGRATIONS = [
  { name: 'migration-20261122024630-initial', class: m0 },
];
