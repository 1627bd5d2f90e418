import { readdir, readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import type { LoopDelay, ServerProcess } from './processes.ts';
import { firePaced, type LoadOutcome } from './paced.ts';

/** Linux's USER_HZ: /proc counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;
/** A round during which other programs used more than this many cores is run again. */
export const FOREIGN_LOAD_LIMIT = 0.15;

export interface LoadOptions {
  server: ServerProcess;
  connections: number;
  seconds: number;
  /** Requests cycled through by each connection. */
  requests: autocannon.Request[];
  /** Caps the rate (requests per second over all connections): a fixed-rate load instead of saturation. */
  overallRate?: number;
  /** A fixed number of requests instead of a duration (steps that consume what they act on). */
  amount?: number;
  /** A steady offered load of this many requests per second, evenly spread (`firePaced`), instead of autocannon's. */
  pacedRate?: number;
}

export interface Figures {
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  maxMs: number;
  /** Answers by status class (2xx, 4xx, 5xx). */
  statuses: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  /** Cores the server used on average (1 = one core busy all the time). */
  serverCores: number;
  /** Of those, the main thread's (the event loop): the rest is libuv's pool (hashing) and V8's helpers. */
  serverMainThreadCores: number;
  serverMaxRssMb: number;
  loopDelay: LoopDelay;
  /** Cores PostgreSQL (all its processes) and the load generator used meanwhile. */
  postgresCores: number;
  generatorCores: number;
  /** Cores used by everything that is neither the benchmark, a server nor PostgreSQL. */
  foreignCores: number;
  /** argon2id verifies per second measured just before this round, for password scenarios. */
  argon2Bound?: number;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] is field 3, the state. */
async function statFields(pid: number | string): Promise<string[] | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // the process has gone
  }
}

/** utime + stime (fields 14 and 15), with `children` also cutime + cstime (16, 17): what its exited children used. */
async function cpuTicksOf(pid: number | string, children = false): Promise<number> {
  const fields = await statFields(pid);
  if (!fields) return 0;
  return Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
}

/** The main thread's own ticks (on Linux its thread id is the process id). */
function mainThreadTicksOf(pid: number): Promise<number> {
  return cpuTicksOf(`${pid}/task/${pid}`);
}

async function rssMbOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function busyTicks(): Promise<number> {
  const [cpu = ''] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const values = cpu.split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return values.reduce((sum, value) => sum + value, 0) - idle;
}

/** Every PostgreSQL process, plus what the backends that already exited used (counted on the postmaster, which reaped them). */
async function postgresTicks(): Promise<number> {
  const postgres = new Set<string>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') postgres.add(entry);
  }
  let total = 0;
  for (const pid of postgres) {
    const parent = (await statFields(pid))?.[1];
    total += await cpuTicksOf(pid, parent !== undefined && !postgres.has(parent));
  }
  return total;
}

/**
 * Waits until a server has finished the work a load left behind (requests
 * still queued when the load generator stopped), so that it is not counted
 * in the next measurement: its CPU use must drop below 5% of a core.
 */
export async function settle(pid: number, maxMs = 15_000): Promise<void> {
  const until = Date.now() + maxMs;
  let before = await cpuTicksOf(pid);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await cpuTicksOf(pid);
    if (now - before <= 1) return;
    before = now;
  }
}

/** CPU ticks so far of the load generator (this process), the servers and PostgreSQL: the load that is ours. */
async function ownTicks(serverPids: number[]): Promise<{ generator: number; servers: number; postgres: number }> {
  let servers = 0;
  for (const pid of serverPids) servers += await cpuTicksOf(pid);
  return { generator: await cpuTicksOf(process.pid), servers, postgres: await postgresTicks() };
}

/** One autocannon run, for a duration or (with `amount`) a number of requests. */
export function fire(options: Omit<LoadOptions, 'seconds'> & { seconds?: number; amount?: number; workers?: number }): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.server.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
        requests: options.requests,
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        timeout: 10,
        ...(options.workers ? { workers: options.workers } : {}),
      },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
  });
}

/** A fixed amount of calls' figures, over the seconds they took. */
export function figuresOf(outcome: autocannon.Result, seconds: number) {
  return {
    perSecond: Math.round(outcome.requests.total / seconds),
    p50ms: outcome.latency.p50,
    p99ms: outcome.latency.p99,
    ok: outcome['2xx'],
    refused: outcome['4xx'],
    failed: outcome['5xx'] + outcome.errors + outcome.timeouts,
  };
}

/** Runs one load against one server and measures it and the machine while it runs. */
export async function runLoad(options: LoadOptions, allServerPids: number[]): Promise<Figures> {
  const { server } = options;
  await server.resetLoopDelay();
  const startedAt = process.hrtime.bigint();
  const serverTicksBefore = await cpuTicksOf(server.pid);
  const mainThreadTicksBefore = await mainThreadTicksOf(server.pid);
  const busyBefore = await busyTicks();
  const ownBefore = await ownTicks(allServerPids);
  let maxRss = await rssMbOf(server.pid);
  const sampler = setInterval(() => {
    void rssMbOf(server.pid).then((rss) => (maxRss = Math.max(maxRss, rss)));
  }, 250);

  const result: LoadOutcome = options.pacedRate
    ? await firePaced({ server, connections: options.connections, seconds: options.seconds, rate: options.pacedRate, requests: options.requests })
    : await fire(options);
  clearInterval(sampler);

  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const serverTicks = (await cpuTicksOf(server.pid)) - serverTicksBefore;
  const mainThreadTicks = (await mainThreadTicksOf(server.pid)) - mainThreadTicksBefore;
  const busy = (await busyTicks()) - busyBefore;
  const ownAfter = await ownTicks(allServerPids);
  const own = ownAfter.generator + ownAfter.servers + ownAfter.postgres - (ownBefore.generator + ownBefore.servers + ownBefore.postgres);
  const cores = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
  const loopDelay = await server.readLoopDelay();
  await settle(server.pid);
  return {
    requestsPerSecond: Math.round(result.requests.total / seconds),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    maxMs: result.latency.max,
    statuses: { '2xx': result['2xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    errors: result.errors + result.timeouts,
    serverCores: cores(serverTicks),
    serverMainThreadCores: cores(mainThreadTicks),
    postgresCores: cores(ownAfter.postgres - ownBefore.postgres),
    generatorCores: cores(ownAfter.generator - ownBefore.generator),
    serverMaxRssMb: maxRss,
    loopDelay,
    foreignCores: Math.max(0, cores(busy - own)),
  };
}

/** Like runLoad, but a round disturbed by other programs is run again (twice at most), and says so. */
export async function runCleanLoad(options: LoadOptions, allServerPids: number[]): Promise<Figures & { reruns: number }> {
  let reruns = 0;
  for (;;) {
    const figures = await runLoad(options, allServerPids);
    if (figures.foreignCores <= FOREIGN_LOAD_LIMIT || reruns === 2) return { ...figures, reruns };
    reruns++;
  }
}

export { rssMbOf };

/** Runs `work` over `items`, `limit` at a time. */
export async function eachLimited<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let index = next++; index < items.length; index = next++) await work(items[index]!, index);
    }),
  );
}
