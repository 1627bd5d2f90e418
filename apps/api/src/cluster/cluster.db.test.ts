import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@gatehouse/auth';
import { createClient } from '@gatehouse/client';
import { makeProfile, uniqueEmail, useTestDatabase } from '@gatehouse/db/testing';
import { freePort } from '@gatehouse/embedded-postgres';
import { startMailSink, type MailSink } from '@gatehouse/mail';
import { TEST_PASSWORD, tokenOf } from '../testing.ts';
import { Cluster } from './cluster.ts';

const db = useTestDatabase();
let sink: MailSink;
let cluster: Cluster;

beforeAll(async () => {
  sink = await startMailSink();
  cluster = new Cluster({ processes: 2, port: await freePort(), databaseUrl: db.url, appSecret: randomBytes(32).toString('hex'), smtpUrl: sink.url, env: { LOG_LEVEL: 'warn' } });
  await cluster.start();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  await sink?.close();
});

/** One call through the balancer on a keep-alive connection: its status, or the network error. */
function call(agent: http.Agent, token: string, path: string, body?: unknown): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request(`${cluster.url}${path}`, { agent, method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe('many api processes behind HAProxy', () => {
  it('share one database: a session made through one process is valid on all', async () => {
    const email = uniqueEmail('cluster');
    await makeProfile(db.orm.em.fork(), { email, passwordHash: await hashPassword(TEST_PASSWORD) });
    const token = tokenOf(await createClient({ url: cluster.url }).auth.signIn.mutate({ email, password: TEST_PASSWORD, client: 'desktop' }));
    const agent = new http.Agent({ keepAlive: true });
    // Round robin: consecutive calls land on different processes.
    const statuses = await Promise.all(Array.from({ length: 6 }, () => call(agent, token, '/trpc/auth.session')));
    expect(statuses).toEqual(Array(6).fill(200));
    agent.destroy();
  });

  it('restarts every process in turn under traffic without a single failed request', async () => {
    const email = uniqueEmail('rolling');
    await makeProfile(db.orm.em.fork(), { email, passwordHash: await hashPassword(TEST_PASSWORD) });
    const token = tokenOf(await createClient({ url: cluster.url }).auth.signIn.mutate({ email, password: TEST_PASSWORD, client: 'desktop' }));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const outcomes: (number | string)[] = [];
    let running = true;
    const traffic = Array.from({ length: 8 }, async (_, i) => {
      for (let n = 0; running; n++) {
        const outcome =
          i % 4 === 3
            ? await call(agent, token, '/trpc/profile.update', { name: `Rolling ${n}` })
            : await call(agent, token, i % 2 ? '/trpc/profile.get' : '/trpc/auth.session');
        outcomes.push(outcome);
      }
    });
    const before = cluster.pids;
    await cluster.rollingRestart();
    // Traffic a moment longer, on the new processes only.
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await Promise.all(traffic);
    agent.destroy();

    expect(cluster.pids.some((pid) => before.includes(pid))).toBe(false);
    const failed = outcomes.filter((outcome) => outcome !== 200);
    expect(failed).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(100);
  }, 60_000);
});
