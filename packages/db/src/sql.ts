import { CompiledQuery } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Plain parameterised SQL on the ORM's own pool (and its open transaction,
 * if any), for hot paths where entity hydration costs more than the query.
 */
export async function queryRows<Row>(em: EntityManager, text: string, parameters: readonly unknown[]): Promise<Row[]> {
  const connection = em.getConnection();
  const transaction = em.getTransactionContext();
  const executor = transaction ?? connection.getClient();
  const result = await executor.executeQuery<Row>(CompiledQuery.raw(text, parameters));
  return result.rows;
}

/** Like {@link queryRows}, for statements whose row count matters. */
export async function executeStatement(em: EntityManager, text: string, parameters: readonly unknown[]): Promise<number> {
  const connection = em.getConnection();
  const executor = em.getTransactionContext() ?? connection.getClient();
  const result = await executor.executeQuery(CompiledQuery.raw(text, parameters));
  return Number(result.numAffectedRows ?? 0n);
}
