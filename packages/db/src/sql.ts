import { CompiledQuery, type Kysely } from 'kysely';
import type { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';

/** The ORM's open transaction if there is one, else its pool. */
function executorOf(em: EntityManager): Kysely<unknown> {
  return (em.getTransactionContext() as Kysely<unknown> | undefined) ?? (em.getConnection().getClient() as Kysely<unknown>);
}

/**
 * Plain parameterised SQL on the ORM's own pool (and its open transaction,
 * if any), for hot paths where entity hydration costs more than the query.
 */
export async function queryRows<Row>(em: EntityManager, text: string, parameters: readonly unknown[]): Promise<Row[]> {
  const result = await executorOf(em).executeQuery<Row>(CompiledQuery.raw(text, [...parameters]));
  return result.rows;
}

/** Like {@link queryRows}, for statements whose row count matters. */
export async function executeStatement(em: EntityManager, text: string, parameters: readonly unknown[]): Promise<number> {
  const result = await executorOf(em).executeQuery(CompiledQuery.raw(text, [...parameters]));
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Like {@link queryRows}, as a named statement on the ORM's own `pg` pool:
 * each connection parses and plans it once, then only binds and executes.
 * For the per-request hot path; inside a transaction it runs there, unnamed.
 */
export async function queryPrepared<Row>(em: EntityManager, name: string, text: string, parameters: readonly unknown[]): Promise<Row[]> {
  if (em.getTransactionContext()) return queryRows<Row>(em, text, parameters);
  const pool = await (em.getConnection() as PostgreSqlConnection).getNativeClient();
  const result = await pool.query<Row & object>({ name, text, values: [...parameters] });
  return result.rows;
}

/** Text a person searched for, as a literal inside a LIKE pattern (their `%` and `_` match only themselves). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
