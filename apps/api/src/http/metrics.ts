import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { appRouter, passwordWorkLoad } from '@gatehouse/api';
import { queryRows, type Orm, type PoolCounts } from '@gatehouse/db';

/**
 * What an operator watches, in Prometheus' text format at `/metrics`:
 * requests by procedure and status with their latency, the database pools
 * and their waiters, the mail outbox's backlog and its oldest message, the
 * job queues' lag, the password-hashing queue and rate-limit refusals.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #requests = new Counter({ name: 'gatehouse_requests_total', help: 'Requests answered, by procedure (or route) and HTTP status.', labelNames: ['procedure', 'status'], registers: [this.registry] });
  readonly #latency = new Histogram({
    name: 'gatehouse_request_duration_seconds',
    help: 'Time to answer, by procedure (or route).',
    labelNames: ['procedure'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly #refusals = new Counter({ name: 'gatehouse_rate_limit_refusals_total', help: 'Attempts refused by a rate limit, by limit.', labelNames: ['limit'], registers: [this.registry] });

  constructor(options: { orm: Orm; pools: Record<string, PoolCounts | null> }) {
    const { orm, pools } = options;
    collectDefaultMetrics({ register: this.registry, prefix: 'gatehouse_process_' });
    new Gauge({
      name: 'gatehouse_db_pool_connections',
      help: 'Connections of each database pool, by state.',
      labelNames: ['pool', 'state'],
      registers: [this.registry],
      collect() {
        // A pool not used yet has no connections.
        for (const [pool, counts] of Object.entries(pools)) {
          this.set({ pool, state: 'open' }, counts?.totalCount ?? 0);
          this.set({ pool, state: 'idle' }, counts?.idleCount ?? 0);
        }
      },
    });
    new Gauge({
      name: 'gatehouse_db_pool_waiting',
      help: 'Queries waiting for a connection of each pool.',
      labelNames: ['pool'],
      registers: [this.registry],
      collect() {
        for (const [pool, counts] of Object.entries(pools)) this.set({ pool }, counts?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'gatehouse_password_checks',
      help: 'Password hashing slots in use and checks waiting for one (argon2id).',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const load = passwordWorkLoad();
        this.set({ state: 'running' }, load.running);
        this.set({ state: 'waiting' }, load.waiting);
      },
    });
    const outbox = { backlog: 0, oldest: 0 };
    new Gauge({
      name: 'gatehouse_outbox_backlog',
      help: 'Messages due and not yet delivered, by outbox.',
      labelNames: ['outbox'],
      registers: [this.registry],
      async collect() {
        const [row] = await queryRows<{ due: number; oldest: number | null }>(
          orm.em.fork(),
          `select count(*)::int as due, extract(epoch from now() - min(created_at))::float8 as oldest
             from outbox_message where sent_at is null and failed_at is null`,
          [],
        );
        outbox.backlog = row?.due ?? 0;
        outbox.oldest = row?.oldest ?? 0;
        this.set({ outbox: 'mail' }, outbox.backlog);
      },
    });
    new Gauge({
      name: 'gatehouse_outbox_oldest_seconds',
      help: 'Age of the oldest message not yet delivered, by outbox.',
      labelNames: ['outbox'],
      registers: [this.registry],
      collect() {
        this.set({ outbox: 'mail' }, outbox.oldest);
      },
    });
    new Gauge({
      name: 'gatehouse_job_lag_seconds',
      help: 'How long the oldest due job of each queue has waited to start.',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await queryRows<{ name: string; lag: number }>(
          orm.em.fork(),
          `select name, extract(epoch from now() - min(start_after))::float8 as lag
             from pgboss.job where state in ('created', 'retry') and start_after <= now() group by name`,
          [],
        );
        for (const row of rows) this.set({ queue: row.name }, row.lag);
      },
    });
  }

  /** Counts a refusal by a rate limit (given to the rate limits). */
  readonly refused = (limit: string): void => {
    this.#refusals.inc({ limit });
  };

  /** Times every answer: tRPC calls by procedure (each of a batch), other routes by their first path segment. */
  readonly recordRequests: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const procedure of procedureLabels(req)) {
        this.#requests.inc({ procedure, status: String(res.statusCode) });
        this.#latency.observe({ procedure }, seconds);
      }
    });
    next();
  };

  /** `/metrics`: only with `METRICS_TOKEN` set, and only for a caller presenting it. */
  route(token: string | undefined): RequestHandler {
    return async (req: Request, res: Response) => {
      if (!token || !bearerMatches(req.headers.authorization, token)) return void res.status(404).end();
      try {
        res.setHeader('Content-Type', this.registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.send(await this.registry.metrics());
      } catch {
        // A collector that needs the database cannot run while it is away.
        res.status(503).end();
      }
    };
  }
}

const KNOWN_ROUTES = new Set(['healthz', 'readyz', 'auth', 'mail', 'console', 'platform', 'metrics']);
const PROCEDURES: ReadonlySet<string> = new Set(Object.keys(appRouter._def.procedures));

/** Labels of bounded cardinality: a procedure name only when the router knows it. */
function procedureLabels(req: Request): string[] {
  if (req.originalUrl.startsWith('/trpc/')) {
    const path = req.originalUrl.slice('/trpc/'.length).split('?')[0] ?? '';
    const names = path.split(',').filter((name) => PROCEDURES.has(name));
    return names.length ? names.slice(0, 10) : ['trpc:unknown'];
  }
  const first = req.originalUrl.split(/[/?]/)[1] ?? '';
  return [KNOWN_ROUTES.has(first) ? first : 'portal'];
}

function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const presented = Buffer.from(header.slice('Bearer '.length).trim());
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
