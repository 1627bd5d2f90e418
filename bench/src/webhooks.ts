/**
 * Webhook fan-out: the same 1,000 membership changes (role changes of 100
 * members, 16 at a time) in a workspace without endpoints and in one whose
 * three endpoints take every event, alternating in four rounds (medians); then how long
 * until the receivers (three HTTP servers in the benchmark, answering 204)
 * acknowledged all 3,000 deliveries. The cost that matters is the change's
 * own: its event written in the same transaction; delivery runs after it.
 */
import http from 'node:http';
import { query, signInCookie, trpc } from './calls.ts';
import { figuresOf, fire, settle } from './measure.ts';
import { drainOutbox } from './statements.ts';
import type { ScenarioResult } from './report.ts';
import type { Context, Target } from './scenarios.ts';

const CONNECTIONS = 16;
const ENDPOINTS = 3;

/** A receiver that acknowledges at once, counting what it took. */
async function startReceiver(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, received: () => received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** An enterprise workspace of the bench's first person with `members` members registered. */
async function workspaceWithMembers(target: Target, cookie: string, slug: string, members: number): Promise<string[]> {
  await trpc(target, 'workspace.create', { name: `Hooks ${slug}`, slug }, cookie);
  await query(target.databaseUrl, `update workspace set plan = 'enterprise' where slug = $1`, [slug]);
  const ids: string[] = [];
  for (let index = 0; index < members; index++) {
    const member = await trpc<{ id: string }>(target, 'invitations.register', { workspace: slug, name: `Hooked ${index}`, email: `hooked.${index}@${slug}.bench.example` }, cookie);
    ids.push(member.id);
  }
  return ids;
}

export async function runWebhookFanOut(context: Context): Promise<ScenarioResult> {
  const target = context.targets.gatehouse;
  const cookie = await signInCookie(target, context.people[0]!.email);
  const members = context.settings.smoke ? 10 : 100;
  const changes = context.settings.smoke ? 40 : 1000;
  // Alternating rounds, judged on their medians: this machine's speed drifts within a minute.
  const rounds = context.settings.smoke ? 1 : 4;
  const quiet = await workspaceWithMembers(target, cookie, 'bench-hooks-off', members);
  const hooked = await workspaceWithMembers(target, cookie, 'bench-hooks-on', members);
  const receivers = await Promise.all(Array.from({ length: ENDPOINTS }, startReceiver));
  try {
    for (const receiver of receivers) await trpc(target, 'webhooks.create', { workspace: 'bench-hooks-on', url: receiver.url, events: ['member.role_changed'] }, cookie);
    await drainOutbox(target.databaseUrl);

    const flips = new Map<string, number>();
    /** Each change moves the next member between employee and extranet. */
    const change = async (slug: string, ids: string[], amount: number) => {
      let next = 0;
      const started = Date.now();
      const outcome = await fire({
        server: target.server,
        connections: CONNECTIONS,
        amount,
        requests: [
          {
            method: 'POST',
            path: '/trpc/members.setRole',
            headers: { 'content-type': 'application/json', origin: target.server.url, cookie },
            setupRequest: (request) => {
              const memberId = ids[next++ % ids.length]!;
              const flipped = (flips.get(memberId) ?? 0) + 1;
              flips.set(memberId, flipped);
              return { ...request, body: JSON.stringify({ workspace: slug, memberId, role: flipped % 2 ? 'extranet' : 'employee' }) };
            },
          },
        ],
      });
      return figuresOf(outcome, (Date.now() - started) / 1000);
    };

    const without: ReturnType<typeof figuresOf>[] = [];
    const withHooks: ReturnType<typeof figuresOf>[] = [];
    let deliveredSeconds = 0;
    for (let round = 0; round < rounds; round++) {
      await settle(target.server.pid);
      without.push(await change('bench-hooks-off', quiet, changes / rounds));
      await settle(target.server.pid);
      const expected = receivers.reduce((sum, receiver) => sum + receiver.received(), 0) + ENDPOINTS * (changes / rounds);
      const started = Date.now();
      withHooks.push(await change('bench-hooks-on', hooked, changes / rounds));
      while (receivers.reduce((sum, receiver) => sum + receiver.received(), 0) < expected && Date.now() - started < 300_000) await new Promise((resolve) => setTimeout(resolve, 20));
      deliveredSeconds += (Date.now() - started) / 1000;
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return Math.round(sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2);
    };
    const rate = (figures: ReturnType<typeof figuresOf>[]) => median(figures.map((f) => f.perSecond));
    const p50 = (figures: ReturnType<typeof figuresOf>[]) => median(figures.map((f) => f.p50ms));
    const received = receivers.reduce((sum, receiver) => sum + receiver.received(), 0);
    const slower = Math.round((1 - rate(withHooks) / rate(without)) * 1000) / 10;
    return {
      id: 'webhook-fan-out',
      title: `webhook fan-out: ${changes} role changes, ${ENDPOINTS} endpoints`,
      connections: CONNECTIONS,
      sides: {
        gatehouse: {
          label: 'POST /trpc/members.setRole, without and with endpoints',
          statementsPerRequest: null,
          rounds: [],
          notes: {
            changesPerSecondWithout: rate(without),
            changesPerSecondWith: rate(withHooks),
            p50msWithout: p50(without),
            p50msWith: p50(withHooks),
            percentSlowerWithWebhooks: slower,
            deliveriesAcknowledged: received,
            deliveriesExpected: ENDPOINTS * changes,
            secondsUntilAllAcknowledged: Math.round(deliveredSeconds * 10) / 10,
            failed: [...without, ...withHooks].reduce((sum, f) => sum + f.failed + f.refused, 0),
          },
        },
      },
    };
  } finally {
    await Promise.all(receivers.map((receiver) => receiver.close()));
  }
}
