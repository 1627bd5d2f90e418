import pg from 'pg';

/**
 * SQL statements per request, as PostgreSQL itself counts them
 * (pg_stat_statements, preloaded into the benchmark's cluster): reset, send
 * requests one at a time, read how many statements each server's database
 * ran. BEGIN and COMMIT count, since each is a round trip. Background work
 * (the job queue's polling, the mail outbox) is left out: it does not belong
 * to any request. BENCH_SHOW_STATEMENTS=1 prints each statement with its count.
 */
export class StatementCounter {
  readonly #client: pg.Client;

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  static async connect(adminUrl: string): Promise<StatementCounter> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query('create extension if not exists pg_stat_statements');
    return new StatementCounter(client);
  }

  async perRequest(database: string, requests: number, send: (index: number) => Promise<void>): Promise<{ perRequest: number; usedOffset: boolean }> {
    return this.during(database, requests, async () => {
      for (let i = 0; i < requests; i++) await send(i);
    });
  }

  /** Statements per request while `run` sends `requests` requests (at once, under load: for steps that consume what they act on). */
  async during(database: string, requests: number, run: () => Promise<void>): Promise<{ perRequest: number; usedOffset: boolean }> {
    await this.#client.query('select pg_stat_statements_reset()');
    await run();
    const { rows } = await this.#client.query<{ calls: string; offsets: string }>(
      `select coalesce(sum(calls), 0) as calls, count(*) filter (where s.query ~* '\\moffset\\M') as offsets
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = $1 and s.query not ilike '%pgboss%' and s.query not ilike '%outbox_message%'`,
      [database],
    );
    if (process.env.BENCH_SHOW_STATEMENTS) {
      const detail = await this.#client.query<{ calls: string; query: string }>(
        `select calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = $1 order by calls desc`,
        [database],
      );
      for (const line of detail.rows) console.log(`    ${String(line.calls).padStart(5)}  ${line.query}`);
    }
    return { perRequest: Math.round((Number(rows[0]?.calls ?? 0) / requests) * 100) / 100, usedOffset: Number(rows[0]?.offsets ?? 0) > 0 };
  }

  close(): Promise<void> {
    return this.#client.end();
  }
}

/**
 * Waits until Gatehouse's mail outbox is empty (sent or given up): a scenario
 * that queues thousands of mails (sign-up) must not have its delivery running
 * under the next scenario's measurements. Returns how long that took.
 */
export async function drainOutbox(databaseUrl: string, maxMs = 10 * 60_000): Promise<{ seconds: number; left: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  try {
    for (;;) {
      const { rows } = await client.query<{ left: string }>('select count(*) as left from outbox_message where sent_at is null and failed_at is null');
      const left = Number(rows[0]?.left ?? 0);
      if (left === 0 || Date.now() - started > maxMs) return { seconds: Math.round((Date.now() - started) / 100) / 10, left };
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
}
