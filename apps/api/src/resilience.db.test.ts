/**
 * Fault drills as an operator meets them: PostgreSQL stopped and started
 * under a running server, a shutdown under keep-alive load, a saturated
 * directory, hostile requests. Each failed on the code the drill was run on.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { hashPassword } from '@gatehouse/auth';
import { createClient } from '@gatehouse/client';
import { Profile, queryRows } from '@gatehouse/db';
import { makeMember, makeProfile, makeWorkspace, uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { ensureDatabase, freePort, replaceDatabase, startPostgresServer, type PostgresServer } from '@gatehouse/embedded-postgres';
import { startMailSink, type MailSink } from '@gatehouse/mail';
import { startTestServer, TEST_PASSWORD, tokenOf, useTestServer } from './testing.ts';

const test = useTestServer();
const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Calls that read the database, each a different route: the fast session check, a tRPC query, a sign-in (rate limiter and argon2), a batch. */
async function answersOf(url: string, token: string) {
  const bearer = { authorization: `Bearer ${token}` };
  const calls = {
    session: await fetch(`${url}/trpc/auth.session`, { headers: bearer }),
    workspaces: await fetch(`${url}/trpc/profile.workspaces`, { headers: bearer }),
    signIn: await fetch(`${url}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'someone@example.test', password: 'a password of some length' }) }),
    batch: await fetch(`${url}/trpc/auth.session,profile.get?batch=1`, { headers: bearer }),
  };
  return Promise.all(
    Object.entries(calls).map(async ([name, response]) => ({ name, status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as unknown })),
  );
}

describe('PostgreSQL stopped and started under a running server', () => {
  let root: string;
  let postgres: PostgresServer;
  let port: number;
  let databaseUrl: string;
  let sink: MailSink;
  let holdMail: ((mail: { to: string[] }) => Promise<void>) | null = null;

  const startPostgres = () => startPostgresServer({ dataDir: path.join(root, 'data'), port, durability: 'fast' });

  beforeAll(async () => {
    // Its own PostgreSQL, since this test takes it away; the parent stays enterable by the postgres user.
    await mkdir(tmpdir(), { recursive: true });
    root = await mkdtemp(path.join(tmpdir(), 'gatehouse-outage-'));
    await chmod(root, 0o755);
    port = await freePort();
    postgres = await startPostgres();
    await ensureDatabase(postgres.url('postgres'), 'gatehouse');
    databaseUrl = replaceDatabase(postgres.url('postgres'), 'gatehouse');
    sink = await startMailSink({ beforeAccept: (mail) => holdMail?.(mail) ?? Promise.resolve() });
  });
  afterAll(async () => {
    await sink?.close();
    await postgres?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('keeps the process alive, answers every route 503 in shape with Retry-After, and recovers when the database is back', async () => {
    const server = await startTestServer({ databaseUrl, env: { SMTP_URL: sink.url } });
    try {
      const email = uniqueEmail('outage');
      await makeProfile(server.database.orm.em.fork(), { email, passwordHash: await hashPassword(TEST_PASSWORD) });
      const token = tokenOf(await createClient({ url: server.url }).auth.signIn.mutate({ email, password: TEST_PASSWORD, client: 'desktop' }));
      // Every pool holds connections when the database goes: the rate limiter's among them.
      expect((await answersOf(server.url, token)).map((answer) => answer.status)).toEqual([200, 200, 401, 200]);

      await postgres.stop();
      const during = await answersOf(server.url, token);
      for (const answer of during) {
        expect(answer.status, answer.name).toBe(503);
        expect(answer.retryAfter, answer.name).toBe('5');
        expect(JSON.stringify(answer.body), answer.name).toContain('"appCode":"SERVICE_UNAVAILABLE"');
        expect(JSON.stringify(answer.body), answer.name).toContain('The service is briefly unavailable');
      }
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      postgres = await startPostgres();
      for (let i = 0; i < 300 && (await fetch(`${server.url}/readyz`)).status !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await answersOf(server.url, token)).map((answer) => answer.status)).toEqual([200, 200, 401, 200]);
    } finally {
      await server.close();
    }
    // A PostgreSQL stopped and started again on a loaded machine (the whole suite running beside it) takes its time.
  }, 60_000);

  it('records a mail the SMTP server accepted while the database was away, so it is never sent twice', async () => {
    const server = await startTestServer({ databaseUrl, env: { SMTP_URL: sink.url } });
    try {
      const email = uniqueEmail('mail-outage');
      await makeProfile(server.database.orm.em.fork(), { email });
      // The mail reaches the SMTP server; the database stops before the server says "accepted".
      let restarted: Promise<void> | null = null;
      holdMail = async (mail) => {
        if (!mail.to.includes(email)) return;
        holdMail = null;
        await postgres.stop();
        restarted = new Promise((resolve) => setTimeout(resolve, 1_500)).then(async () => {
          postgres = await startPostgres();
        });
      };
      await createClient({ url: server.url }).auth.requestPasswordReset.mutate({ email });
      await sink.waitFor(email);
      await restarted;
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        let row: { sent_at: Date | null; text_body: string | null } | undefined;
        for (let i = 0; i < 100 && !row?.sent_at; i++) {
          row = (await admin.query('select sent_at, text_body from outbox_message where to_address = $1', [email])).rows[0];
          if (!row?.sent_at) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(row?.sent_at).toBeTruthy();
        expect(row?.text_body).toBeNull();
      } finally {
        await admin.end();
      }
      expect(sink.messages().filter((mail) => mail.to.includes(email))).toHaveLength(1);
    } finally {
      holdMail = null;
      await server.close();
    }
  });
});

/** A keep-alive agent's request, telling a reset (the connection cut under an accepted request) from an answer. */
function request(agent: http.Agent, url: string, options: { method?: string; body?: string } = {}): Promise<{ status: number; connection: string | undefined } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(url, { agent, method: options.method ?? 'GET', headers: options.body ? { 'content-type': 'application/json' } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(options.body);
  });
}

describe('shutting down under keep-alive load', () => {
  it('fails readiness first, closes each connection after its answer, finishes every accepted request and resets none', async () => {
    // The balancer below looks every 25 ms; a second is room for it on a loaded machine.
    const server = await startTestServer({ databaseUrl: test.db.url, env: { SHUTDOWN_DELAY: '1s' } });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const results: Awaited<ReturnType<typeof request>>[] = [];
    // A load balancer in front: it checks readiness often and stops sending once it fails.
    let markedDown = false;
    const balancer = (async () => {
      while (!markedDown) {
        const readiness = await request(new http.Agent(), `${server.url}/readyz`);
        if ('error' in readiness) break; // gone without ever failing readiness
        if (readiness.status === 503) markedDown = true;
        else await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    // Steady keep-alive traffic through it, and slow calls in flight when the shutdown starts (sign-up answers after 250 ms).
    let balancerGone = false;
    void balancer.then(() => (balancerGone = true));
    const loops = Array.from({ length: 6 }, async () => {
      while (!markedDown && !balancerGone) {
        const result = await request(agent, `${server.url}/trpc/auth.session`);
        results.push(result);
        // A refused connection was never accepted (a balancer would send it elsewhere).
        if ('error' in result && result.error === 'ECONNREFUSED') return;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const slow = Array.from({ length: 6 }, () =>
      request(agent, `${server.url}/trpc/auth.signUp`, { method: 'POST', body: JSON.stringify({ email: uniqueEmail('drain'), password: 'a long enough passphrase', name: 'Drain' }) }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const closing = server.close();
    const duringDrain = await request(agent, `${server.url}/trpc/auth.session`);
    const slowResults = await Promise.all(slow);
    await Promise.all([balancer, ...loops]);
    await closing;
    agent.destroy();

    expect(markedDown).toBe(true);
    expect(duringDrain).toMatchObject({ status: 200, connection: 'close' });
    expect(slowResults.map((result) => ('status' in result ? result.status : result.error))).toEqual(Array(6).fill(200));
    // A reset, unlike a refusal, would be a request the process accepted and lost.
    expect(results.filter((result) => 'error' in result && result.error !== 'ECONNREFUSED')).toEqual([]);
    expect(results.length).toBeGreaterThan(10);
    // Gone for good: the listener is closed.
    expect(await request(new http.Agent(), `${server.url}/healthz`)).toEqual({ error: 'ECONNREFUSED' });
  });

  it('exits 0 on SIGTERM once in-flight requests are done', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: APP_ROOT,
      env: { ...process.env, PORT: String(port), DATABASE_URL: test.db.url, SEED_DEMO: 'false', LOG_LEVEL: 'warn', PUBLIC_URL: `http://localhost:${port}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A loaded machine may take a while to start a process: wait for it to listen (up to a minute), never send early.
    for (let i = 0; i < 1200 && !output.includes('Portal:'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(output, 'the process never said it was listening').toContain('Portal:');
    const inFlight = request(new http.Agent({ keepAlive: true }), `http://127.0.0.1:${port}/trpc/auth.signUp`, {
      method: 'POST',
      body: JSON.stringify({ email: uniqueEmail('sigterm'), password: 'a long enough passphrase', name: 'Sig Term' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await inFlight).toMatchObject({ status: 200 });
    expect(await exited, output).toBe(0);
  }, 90_000);
});

describe('back-pressure', () => {
  it('keeps session checks answering while the directory is stuck, and refuses directory calls past a bounded wait', async () => {
    const server = await startTestServer({ databaseUrl: test.db.url, env: { DATABASE_POOL_SIZE: '4', DATABASE_ACQUIRE_TIMEOUT: '1s', DIRECTORY_STATEMENT_TIMEOUT: '6s', DIRECTORY_CONCURRENCY: '4', DIRECTORY_QUEUE: '2' } });
    try {
      const em = server.database.orm.em.fork();
      const admin = await makeProfile(em, { passwordHash: await hashPassword(TEST_PASSWORD) });
      const workspace = await makeWorkspace(em, { creator: admin, slug: uniqueSlug() });
      const token = tokenOf(await createClient({ url: server.url }).auth.signIn.mutate({ email: admin.email, password: TEST_PASSWORD, client: 'desktop' }));
      const client = createClient({ url: server.url, token });
      const list = () => fetch(`${server.url}/trpc/members.list?input=${encodeURIComponent(JSON.stringify({ workspace: workspace.slug }))}`, { headers: { authorization: `Bearer ${token}` } });
      expect((await list()).status).toBe(200);

      // Slow directory work holds every connection of the directory's own pool (two, half the main pool)…
      const directory = server.database.directoryOrm;
      const slow = Promise.all([0, 1].map(() => queryRows(directory.em.fork(), 'select pg_sleep(4)', [])));
      // …as PostgreSQL itself shows, before anything else is asked.
      const sleeping = async () =>
        (await queryRows<{ count: number }>(test.db.orm.em.fork(), `select count(*)::int as count from pg_stat_activity where application_name = 'gatehouse-directory' and query like 'select pg_sleep%' and state = 'active'`, []))[0]!.count;
      for (let i = 0; i < 100 && (await sleeping()) < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await sleeping()).toBe(2);

      const waiting = Array.from({ length: 8 }, () => list());
      // Meanwhile every session check and workspace call on the main pool is answered.
      for (let i = 0; i < 20; i++) expect(await client.auth.session.query()).not.toBeNull();
      expect((await client.profile.workspaces.query()).length).toBe(1);
      // Four run and wait a bounded time for a connection, two wait their turn, two are refused at the door: all 503, with a time to retry.
      const answers = await Promise.all(waiting);
      expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(503));
      expect(answers[0]!.headers.get('retry-after')).toBe('5');
      await slow;
      expect((await list()).status).toBe(200);
      // The directory's connections carry their own, shorter statement timeout.
      expect(await queryRows(directory.em.fork(), 'show statement_timeout', [])).toEqual([{ statement_timeout: '6s' }]);
    } finally {
      await server.close();
    }
  });

  it('serves one- and two-letter searches by the start of a name or address', async () => {
    const em = test.db.orm.em.fork();
    const admin = await test.people.signedIn({ name: 'Prefix Admin' });
    const workspace = await makeWorkspace(em, { creator: await em.findOneOrFail(Profile, { id: admin.profile.id }), slug: uniqueSlug() });
    for (const name of ['Li Wei', 'Olivia Lin', 'Zed Alpha']) await makeMember(em, { workspace, name, contactEmail: `${name.split(' ')[0]!.toLowerCase()}@example.test` });
    const names = async (search: string) => (await admin.client.members.list.query({ workspace: workspace.slug, search })).items.map((member) => member.name);
    expect(await names('li')).toEqual(['Li Wei']);
    expect(await names('ZE')).toEqual(['Zed Alpha']);
    expect(await names('o')).toEqual(['Olivia Lin']);
    // From three characters on, anywhere in the name (trigram index).
    expect(await names('lin')).toEqual(['Olivia Lin']);
  });
});

describe('hostile requests', () => {
  it('cuts a body sent without a length at the route’s own limit, as it is read', async () => {
    const written = await new Promise<{ status: number; bytesWritten: number; body: string }>((resolve, reject) => {
      const req = http.request(`${test.server.url}/trpc/auth.signUp`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytesWritten: sent, body }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        // Up to 6.5 MB, the letter procedure's size, to a procedure that takes 256 KB.
        while (sent < 6.5 * 1024 * 1024 && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      req.write('{"email":"');
      pump();
    });
    expect(written.status).toBe(413);
    expect(written.body).toContain('"appCode":"INVALID_INPUT"');
  });

  it('answers a URL too long for Node in the API’s own shape', async () => {
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${test.server.url}/trpc/members.list?input=${'x'.repeat(20_000)}`, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(response.status).toBe(431);
    expect(JSON.parse(response.body)).toMatchObject({ error: { data: { appCode: 'INVALID_INPUT' } } });
  });
});

describe('the workspace creator', () => {
  it('is recorded as the creator, not as an invitation', async () => {
    const person = await test.people.signedIn();
    const slug = uniqueSlug();
    await person.client.workspace.create.mutate({ name: 'Origin Co', slug });
    const [row] = await queryRows<{ source: string }>(test.db.orm.em.fork(), 'select m.source from member m join workspace w on w.id = m.workspace_id where w.slug = $1', [slug]);
    expect(row?.source).toBe('creator');
  });
});
