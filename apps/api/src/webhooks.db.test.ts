import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { AuditEvent, openOrm, queryRows, WebhookEndpoint } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { assertWebhookDestination, deliverWebhooks, postForm, purgeExpired, runWebhookRound } from '@gatehouse/services';
import { failureOf, TEST_PASSWORD, useTestServer } from './testing.ts';

/*
 * Webhooks against a receiver started here that verifies every message with
 * the `standardwebhooks` library, as a company's service would. The api
 * process's own sender runs as in production; the tests also run rounds
 * themselves (as a second process would) and move retries' times forward in
 * the database rather than waiting for them.
 */

const test = useTestServer();
const { db, people } = test;

interface Received {
  id: string;
  type: string;
  body: string;
  headers: Record<string, string>;
  payload: { type: string; timestamp: string; data: { member: { id: string; email: string | null; role: string; status: string } | null; details: Record<string, unknown>; workspace: { slug: string } } };
}

/** A company's receiver: answers 200 while up, 503 while down; keeps every request, and those it took. */
async function startReceiver() {
  let up = true;
  const attempts: Received[] = [];
  const taken: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      const payload = JSON.parse(body) as Received['payload'];
      const received = { id: headers['webhook-id']!, type: payload.type, body, headers, payload };
      attempts.push(received);
      if (!up) return void res.writeHead(503).end();
      taken.push(received);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    attempts,
    taken,
    set up(value: boolean) {
      up = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

async function receiver() {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

/** A workspace on the enterprise plan (room for everyone these tests bring in) with an endpoint listening to `events`. */
async function workspaceWithEndpoint(url: string, events: string[]) {
  const admin = await people.signedIn({ name: 'Hook Admin' });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: 'Hooked company', slug });
  await queryRows(db.orm.em.fork(), `update workspace set plan = 'enterprise' where slug = $1`, [slug]);
  const created = await admin.client.webhooks.create.mutate({ workspace: slug, url, description: 'HR sync', events: events as never, password: TEST_PASSWORD });
  return { admin, slug, endpoint: created.endpoint, secret: created.secret };
}

/** Rounds until `done` holds (the api process's own sender may be the one that delivers). */
async function until(done: () => boolean, rounds = 50): Promise<void> {
  for (let round = 0; round < rounds && !done(); round++) {
    await runWebhookRound({ orm: db.orm, config: test.server.serviceConfig });
    if (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(done()).toBe(true);
}

/** Every pending retry of the workspace due now: a day of back-off, without the day. */
async function makeRetriesDue(): Promise<void> {
  await queryRows(db.orm.em.fork(), `update webhook_delivery set next_attempt_at = now() where state = 'pending'`, []);
}

describe('webhook endpoints', () => {
  it('receive each membership change, signed as Standard Webhooks verifies it, with the attempts shown to the admin', async () => {
    const hooks = await receiver();
    const { admin, slug, endpoint, secret } = await workspaceWithEndpoint(hooks.url, ['member.joined', 'member.role_changed', 'member.dismissed']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({ url: hooks.url, description: 'HR sync', enabled: true, events: ['member.joined', 'member.role_changed', 'member.dismissed'] });
    expect(JSON.stringify(await admin.client.webhooks.list.query({ workspace: slug }))).not.toContain(secret);

    const email = uniqueEmail('hooked');
    const member = await admin.client.invitations.register.mutate({ workspace: slug, name: 'Hooked Person', email });
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: member.id, role: 'extranet', password: TEST_PASSWORD });
    await admin.client.members.dismiss.mutate({ workspace: slug, memberId: member.id, password: TEST_PASSWORD });
    await until(() => hooks.taken.length === 3);

    const verifier = new Webhook(secret);
    for (const message of hooks.taken) expect(verifier.verify(message.body, message.headers)).toEqual(message.payload);
    expect(hooks.taken.map((message) => message.type)).toEqual(['member.joined', 'member.role_changed', 'member.dismissed']);
    expect(hooks.taken[0]!.payload.data).toMatchObject({ workspace: { slug }, member: { id: member.id } });
    expect(hooks.taken[1]!.payload.data.details).toMatchObject({ from: 'employee', to: 'extranet' });
    // A message nobody signed with this secret is refused by the same library.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(hooks.taken[0]!.body, hooks.taken[0]!.headers)).toThrow();

    const { deliveries } = await admin.client.webhooks.deliveries.query({ workspace: slug, webhookId: endpoint.id });
    expect(deliveries.map((delivery) => [delivery.type, delivery.state])).toEqual([
      ['member.dismissed', 'delivered'],
      ['member.role_changed', 'delivered'],
      ['member.joined', 'delivered'],
    ]);
    expect(deliveries[0]!.attempts).toEqual([expect.objectContaining({ status: 204, error: null })]);
    expect(deliveries[0]!.messageId).toBe(hooks.taken[2]!.id);
    const trail = await db.orm.em.fork().find(AuditEvent, { action: 'webhook.created', details: { url: hooks.url } });
    expect(trail).toHaveLength(1);
  });

  it('reach a receiver that was down every event exactly once after it returns, in order per member', async () => {
    const hooks = await receiver();
    const { admin, slug } = await workspaceWithEndpoint(hooks.url, ['member.joined', 'member.role_changed', 'member.dismissed', 'member.rehired']);
    hooks.up = false;
    const first = await admin.client.invitations.register.mutate({ workspace: slug, name: 'First Person', email: uniqueEmail('first') });
    const second = await admin.client.invitations.register.mutate({ workspace: slug, name: 'Second Person', email: uniqueEmail('second') });
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: first.id, role: 'extranet', password: TEST_PASSWORD });
    await admin.client.members.dismiss.mutate({ workspace: slug, memberId: first.id, password: TEST_PASSWORD });
    await admin.client.members.dismiss.mutate({ workspace: slug, memberId: second.id, password: TEST_PASSWORD });
    await admin.client.members.rehire.mutate({ workspace: slug, memberId: first.id });

    // While it is down, only each member's first event is tried: the rest wait behind it.
    await until(() => hooks.attempts.length >= 2);
    await runWebhookRound({ orm: db.orm, config: test.server.serviceConfig });
    expect(new Set(hooks.attempts.map((attempt) => attempt.payload.data.member?.id))).toEqual(new Set([first.id, second.id]));
    expect(hooks.attempts.every((attempt) => attempt.type === 'member.joined')).toBe(true);

    hooks.up = true;
    for (let round = 0; round < 20 && hooks.taken.length < 6; round++) {
      await makeRetriesDue();
      await runWebhookRound({ orm: db.orm, config: test.server.serviceConfig });
    }
    expect(hooks.taken).toHaveLength(6);
    expect(new Set(hooks.taken.map((message) => message.id)).size).toBe(6);
    const typesOf = (memberId: string) => hooks.taken.filter((message) => message.payload.data.member?.id === memberId).map((message) => message.type);
    expect(typesOf(first.id)).toEqual(['member.joined', 'member.role_changed', 'member.dismissed', 'member.rehired']);
    expect(typesOf(second.id)).toEqual(['member.joined', 'member.dismissed']);
  });

  it('are never sent one event twice by two api processes at once', async () => {
    const hooks = await receiver();
    const { admin, slug } = await workspaceWithEndpoint(hooks.url, ['member.invited']);
    const other = await openOrm({ databaseUrl: db.url });
    try {
      const results = await admin.client.invitations.send.mutate({ workspace: slug, emails: Array.from({ length: 40 }, (_, i) => uniqueEmail(`crowd${i}`)) });
      expect(results.filter((result) => result.ok)).toHaveLength(40);
      const config = test.server.serviceConfig;
      for (let round = 0; round < 20 && hooks.taken.length < 40; round++) {
        await Promise.all([runWebhookRound({ orm: db.orm, config }), runWebhookRound({ orm: other, config }), runWebhookRound({ orm: db.orm, config })]);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hooks.taken).toHaveLength(40);
      expect(new Set(hooks.taken.map((message) => message.id)).size).toBe(40);
    } finally {
      await other.close();
    }
  });

  it('sign with the old and the new secret while a rotation overlaps, then with the new one alone', async () => {
    const hooks = await receiver();
    const { admin, slug, endpoint, secret: oldSecret } = await workspaceWithEndpoint(hooks.url, ['member.joined']);
    const rotated = await admin.client.webhooks.rotateSecret.mutate({ workspace: slug, webhookId: endpoint.id, password: TEST_PASSWORD });
    expect(rotated.secret).not.toBe(oldSecret);
    expect(rotated.endpoint.previousSecretUntil).not.toBeNull();

    await admin.client.invitations.register.mutate({ workspace: slug, name: 'During Overlap', email: uniqueEmail('overlap') });
    await until(() => hooks.taken.length === 1);
    const during = hooks.taken[0]!;
    expect(during.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(during.body, during.headers)).toBeTruthy();
    expect(new Webhook(rotated.secret).verify(during.body, during.headers)).toBeTruthy();

    await queryRows(db.orm.em.fork(), `update webhook_endpoint set previous_secret_expires_at = now() - interval '1 minute' where id = $1`, [endpoint.id]);
    await admin.client.invitations.register.mutate({ workspace: slug, name: 'After Overlap', email: uniqueEmail('after') });
    await until(() => hooks.taken.length === 2);
    const after = hooks.taken[1]!;
    expect(new Webhook(rotated.secret).verify(after.body, after.headers)).toBeTruthy();
    expect(() => new Webhook(oldSecret).verify(after.body, after.headers)).toThrow();
  });

  it('send a test event on request, and a delivery again with its own webhook-id', async () => {
    const hooks = await receiver();
    const { admin, slug, endpoint, secret } = await workspaceWithEndpoint(hooks.url, ['member.joined']);
    await admin.client.webhooks.sendTest.mutate({ workspace: slug, webhookId: endpoint.id });
    await until(() => hooks.taken.length === 1);
    expect(hooks.taken[0]!.type).toBe('webhook.test');
    expect(new Webhook(secret).verify(hooks.taken[0]!.body, hooks.taken[0]!.headers)).toBeTruthy();

    const [delivery] = (await admin.client.webhooks.deliveries.query({ workspace: slug, webhookId: endpoint.id })).deliveries;
    await admin.client.webhooks.redeliver.mutate({ workspace: slug, webhookId: endpoint.id, deliveryId: delivery!.id });
    await until(() => hooks.taken.length === 2);
    expect(hooks.taken[1]!.id).toBe(hooks.taken[0]!.id);
    expect((await admin.client.webhooks.deliveries.query({ workspace: slug, webhookId: endpoint.id })).deliveries).toHaveLength(2);
  });

  it('are switched off after a day without a success, and every admin is mailed', async () => {
    const hooks = await receiver();
    const { admin, slug, endpoint } = await workspaceWithEndpoint(hooks.url, ['member.joined']);
    hooks.up = false;
    await admin.client.invitations.register.mutate({ workspace: slug, name: 'Never Heard', email: uniqueEmail('unheard') });
    await until(() => hooks.attempts.length === 1);
    await queryRows(db.orm.em.fork(), `update webhook_endpoint set failing_since = now() - interval '25 hours' where id = $1`, [endpoint.id]);
    await makeRetriesDue();
    await until(() => hooks.attempts.length === 2);
    await expect.poll(async () => (await db.orm.em.fork().findOneOrFail(WebhookEndpoint, { id: endpoint.id })).disabledReason).toBe('failing');
    const mail = await test.server.mailSink!.waitFor(admin.email, (message) => message.subject.includes('webhook'));
    expect(mail.text).toContain(hooks.url);
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'webhook.disabled', details: { url: hooks.url } })).toBe(1);

    // Switched on again, it starts afresh and the waiting delivery goes.
    hooks.up = true;
    const [listed] = await admin.client.webhooks.list.query({ workspace: slug });
    expect(listed).toMatchObject({ enabled: false, disabledReason: 'failing' });
    await admin.client.webhooks.update.mutate({ workspace: slug, webhookId: endpoint.id, enabled: true });
    await makeRetriesDue();
    await until(() => hooks.taken.length === 1);
  });
});

describe('bad endpoint input', () => {
  it('is refused with a clear error and stores nothing', async () => {
    const hooks = await receiver();
    const { admin, slug } = await workspaceWithEndpoint(hooks.url, ['member.joined']);
    const create = (url: string, events: string[] = ['member.joined']) => failureOf(admin.client.webhooks.create.mutate({ workspace: slug, url, events: events as never, password: TEST_PASSWORD }));
    expect((await create(`https://hooks.example.com/${'x'.repeat(500)}`)).appCode).toBe('INVALID_INPUT');
    expect((await create('https://user:secret@hooks.example.com/in')).fields).toMatchObject({ url: expect.any(String) });
    expect((await create('ftp://hooks.example.com/in')).appCode).toBe('DESTINATION_NOT_ALLOWED');
    expect((await create('not a url')).appCode).toBe('INVALID_INPUT');
    expect((await create('https://hooks.example.com/in', ['member.teleported'])).appCode).toBe('INVALID_INPUT');
    expect((await create('https://hooks.example.com/in', [])).appCode).toBe('INVALID_INPUT');
    expect(await admin.client.webhooks.list.query({ workspace: slug })).toHaveLength(1);

    // Another workspace's endpoint is not there at all.
    const stranger = await people.signedIn();
    const elsewhere = uniqueSlug();
    await stranger.client.workspace.create.mutate({ name: 'Elsewhere', slug: elsewhere });
    const [mine] = await admin.client.webhooks.list.query({ workspace: slug });
    expect((await failureOf(stranger.client.webhooks.remove.mutate({ workspace: elsewhere, webhookId: mine!.id }))).appCode).toBe('NOT_FOUND');
    expect((await failureOf(stranger.client.webhooks.list.query({ workspace: slug }))).appCode).toBe('NOT_FOUND');
  });
});

describe('private destinations', () => {
  it('are refused when made, unless the development switch is on', async () => {
    for (const url of ['http://hooks.example.com/in', 'https://127.0.0.1/in', 'https://[::1]/in', 'https://169.254.169.254/latest', 'https://10.0.0.8/in', 'https://localhost/in']) {
      await expect(assertWebhookDestination(url, false), url).rejects.toMatchObject({ code: 'DESTINATION_NOT_ALLOWED' });
    }
    expect(await assertWebhookDestination('http://localhost:9/in', true)).toBe('http://localhost:9/in');
  });

  it('are refused on the connection itself: a name resolving to 127.0.0.1 is never reached', async () => {
    const hooks = await receiver();
    const { admin, slug, endpoint } = await workspaceWithEndpoint(`http://localhost:${hooks.port}/hooks`, ['member.joined']);
    // Off while the message is queued, then due only in an hour: the api process's own sender (allowed to reach
    // this machine, as in development) leaves it to this test's sender, which runs without the switch.
    await admin.client.webhooks.update.mutate({ workspace: slug, webhookId: endpoint.id, enabled: false });
    await admin.client.webhooks.sendTest.mutate({ workspace: slug, webhookId: endpoint.id });
    await queryRows(
      db.orm.em.fork(),
      `with later as (update webhook_delivery set next_attempt_at = now() + interval '1 hour' where endpoint_id = $1) update webhook_endpoint set enabled = true where id = $1`,
      [endpoint.id],
    );
    const report = await deliverWebhooks({ orm: db.orm, config: { ...test.server.serviceConfig, webhooksAllowPrivate: false }, now: new Date(Date.now() + 2 * 3_600_000) });
    expect(report).toMatchObject({ claimed: 1, delivered: 0 });
    expect(hooks.attempts).toHaveLength(0);
    const [row] = await queryRows<{ lastError: string }>(db.orm.em.fork(), `select last_error as "lastError" from webhook_delivery where endpoint_id = $1`, [endpoint.id]);
    expect(row!.lastError).toMatch(/destination (127\.0\.0\.1|::1) is private/);
    expect((await postForm(`http://localhost:${hooks.port}/x`, {}, { timeoutMs: 1000, allowPrivate: false })).ok).toBe(false);
  });
});

// Last in the file: the purge runs a month ahead, which ends every session.
describe('the purge', () => {
  it('removes events no endpoint wanted a day on, finished deliveries after a month, and keeps what is still pending', async () => {
    const hooks = await receiver();
    const { admin, slug, endpoint } = await workspaceWithEndpoint(hooks.url, ['member.role_changed']);
    const member = await admin.client.invitations.register.mutate({ workspace: slug, name: 'Purged Later', email: uniqueEmail('purge') });
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: member.id, role: 'extranet', password: TEST_PASSWORD });
    await until(() => hooks.taken.length === 1);
    hooks.up = false;
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: member.id, role: 'employee', password: TEST_PASSWORD });
    await until(() => hooks.attempts.length === 2);
    const count = async (sql: string) => Number((await queryRows<{ count: string }>(db.orm.em.fork(), sql, [endpoint.id]))[0]!.count);
    const events = () => count(`select count(*) from webhook_event e join workspace w on w.id = e.workspace_id join webhook_endpoint p on p.workspace_id = w.id where p.id = $1`);
    // The joining (not asked for) and both role changes.
    expect(await events()).toBe(3);

    const report = await purgeExpired({ em: db.orm.em.fork(), now: new Date(Date.now() + 31 * 86_400_000) });
    expect(report.webhooks).toBeGreaterThanOrEqual(2);
    expect(await count(`select count(*) from webhook_delivery where endpoint_id = $1 and state = 'pending'`)).toBe(1);
    expect(await count(`select count(*) from webhook_delivery where endpoint_id = $1 and state <> 'pending'`)).toBe(0);
    expect(await events()).toBe(1);
  });
});
