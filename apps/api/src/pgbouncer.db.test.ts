/**
 * Behind PgBouncer in session pooling, the mode the README recommends: every
 * pool of the product (requests, directory, rate limits, jobs) goes through
 * it, with the hot path's named prepared statements and per-pool statement
 * timeouts intact.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@gatehouse/auth';
import { createClient } from '@gatehouse/client';
import { queryRows } from '@gatehouse/db';
import { makeProfile, makeWorkspace, uniqueEmail, uniqueSlug, useTestDatabase } from '@gatehouse/db/testing';
import { freePort } from '@gatehouse/embedded-postgres';
import { startTestServer, TEST_PASSWORD, tokenOf } from './testing.ts';

const PGBOUNCER = process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer';
const db = useTestDatabase();
let dir: string;
let bouncer: ChildProcess;
let bouncedUrl: string;

/** PgBouncer refuses to run as root: under root it runs as the postgres user, as PostgreSQL does. */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`PgBouncer did not listen on ${port}`);
}

beforeAll(async () => {
  const upstream = new URL(db.url);
  dir = await mkdtemp(path.join(tmpdir(), 'gatehouse-pgbouncer-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const user = decodeURIComponent(upstream.username);
  const password = decodeURIComponent(upstream.password);
  await writeFile(path.join(dir, 'userlist.txt'), `"${user}" "${password}"\n`, { mode: 0o644 });
  await writeFile(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      // Under the database's own name: the migrator checks that the database it is given exists.
      `${upstream.pathname.slice(1)} = host=127.0.0.1 port=${upstream.port} dbname=${upstream.pathname.slice(1)}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = session',
      'max_client_conn = 500',
      'default_pool_size = 50',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  bouncer = spawn(PGBOUNCER, [path.join(dir, 'pgbouncer.ini')], { ...runAs(), stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  bouncer.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForPort(port).catch((error: Error) => {
    throw new Error(`${error.message}: ${log.slice(-2000)}`);
  });
  bouncedUrl = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}${upstream.pathname}`;
});
afterAll(async () => {
  bouncer?.kill('SIGTERM');
  if (bouncer && bouncer.exitCode === null) await new Promise((resolve) => bouncer.once('exit', resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('behind PgBouncer in session pooling', () => {
  it('signs in, checks sessions with their prepared statement, counts rate limits, lists the directory and keeps each pool’s statement timeout', async () => {
    const server = await startTestServer({ databaseUrl: bouncedUrl, env: { DATABASE_STATEMENT_TIMEOUT: '7s', DIRECTORY_STATEMENT_TIMEOUT: '3s' } });
    try {
      const em = server.database.orm.em.fork();
      const admin = await makeProfile(em, { email: uniqueEmail('bounced'), passwordHash: await hashPassword(TEST_PASSWORD) });
      const workspace = await makeWorkspace(em, { creator: admin, slug: uniqueSlug() });
      const anonymous = createClient({ url: server.url });
      // A wrong password is counted by the rate limiter, through PgBouncer too.
      await expect(anonymous.auth.signIn.mutate({ email: admin.email, password: 'not the right password' })).rejects.toThrow();
      const client = createClient({ url: server.url, token: tokenOf(await anonymous.auth.signIn.mutate({ email: admin.email, password: TEST_PASSWORD, client: 'desktop' })) });
      // Many session checks at once: the named statement on every pooled connection.
      const checks = await Promise.all(Array.from({ length: 40 }, () => client.auth.session.query()));
      expect(checks.every((check) => check?.profile.email === admin.email)).toBe(true);
      expect((await client.members.list.query({ workspace: workspace.slug })).items.map((member) => member.name)).toEqual([admin.name]);
      expect(await queryRows(server.database.orm.em.fork(), 'show statement_timeout', [])).toEqual([{ statement_timeout: '7s' }]);
      expect(await queryRows(server.database.directoryOrm.em.fork(), 'show statement_timeout', [])).toEqual([{ statement_timeout: '3s' }]);
    } finally {
      await server.close();
    }
  });
});
