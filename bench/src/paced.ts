import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type autocannon from 'autocannon';
import type { ServerProcess } from './processes.ts';

/** What runLoad reads of a load's outcome: the part of autocannon's result both generators give. */
export interface LoadOutcome {
  requests: { total: number };
  latency: { p50: number; p99: number; max: number };
  '2xx': number;
  '4xx': number;
  '5xx': number;
  errors: number;
  timeouts: number;
}

/** The `p`th percentile (0–100) of sorted latencies, in their unit to two decimals. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! * 100) / 100;
}

interface PacedOptions {
  url: string;
  connections: number;
  seconds: number;
  rate: number;
  requests: autocannon.Request[];
}

/**
 * A steady offered load: one request every 1/rate s, spread evenly (autocannon's
 * rate limit lets each connection send its second's share at once, so its
 * "half load" is bursts at full speed). Latency counts from when the request
 * was handed to the connection pool, so waiting for a free connection (a
 * server falling behind) counts, while the generator's own timer lag does
 * not. Keep-alive connections, at most `connections` at once.
 */
function pacedHere(options: PacedOptions): Promise<LoadOutcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const url = new URL(options.url);
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  const outcome: LoadOutcome = { requests: { total: 0 }, latency: { p50: 0, p99: 0, max: 0 }, '2xx': 0, '4xx': 0, '5xx': 0, errors: 0, timeouts: 0 };
  const started = performance.now();
  const warmedUp = options.seconds > 2 ? started + 1000 : started;
  return new Promise((resolve) => {
    let sent = 0;
    let done = 0;
    const finish = () => {
      latencies.sort((a, b) => a - b);
      outcome.latency = { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100) };
      agent.destroy();
      resolve(outcome);
    };
    const send = (index: number) => {
      const request = options.requests[index % options.requests.length]!;
      const handedOver = performance.now();
      const call = http.request(
        { host: url.hostname, port: url.port, path: request.path, method: request.method ?? 'GET', headers: request.headers as http.OutgoingHttpHeaders, agent, timeout: 10_000 },
        (response) => {
          response.resume();
          response.on('end', () => {
            // The first second opens the connections (TCP, the server's first request on each): it is not counted.
            if (handedOver >= warmedUp) latencies.push(performance.now() - handedOver);
            const status = response.statusCode ?? 0;
            if (status >= 500) outcome['5xx']++;
            else if (status >= 400) outcome['4xx']++;
            else outcome['2xx']++;
            outcome.requests.total++;
            if (++done === total) finish();
          });
        },
      );
      call.on('timeout', () => {
        outcome.timeouts++;
        call.destroy();
      });
      call.on('error', () => {
        outcome.errors++;
        if (++done === total) finish();
      });
      call.end(request.body as string | undefined);
    };
    // A timer tick sends everything that has come due since the last one.
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + (sent * 1000) / options.rate <= now) {
        send(sent);
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
}

/**
 * Runs the paced load in a worker thread of its own: the benchmark's main
 * thread holds the mail sink and the figures, and its garbage collection must
 * not pause the generator (a paused generator would count as slow answers).
 */
export function firePaced(options: { server: ServerProcess; connections: number; seconds: number; rate: number; requests: autocannon.Request[] }): Promise<LoadOutcome> {
  const { server, ...rest } = options;
  const requests = options.requests.map(({ method, path, headers, body }) => ({ method, path, headers, body }));
  const worker = new Worker(new URL(import.meta.url), { workerData: { ...rest, requests, url: server.url } satisfies PacedOptions });
  return new Promise((resolve, reject) => {
    worker.once('message', (outcome: LoadOutcome) => {
      resolve(outcome);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  void pacedHere(workerData as PacedOptions).then((outcome) => port.postMessage(outcome));
}
