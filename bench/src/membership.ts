/**
 * Membership side by side: Gatehouse's workspaces and Better Auth's
 * organization plugin, with the same people on the same PostgreSQL. Each
 * round gives both a fresh workspace (organization) and then, in turn:
 * invites every bench person (one address per call), has each of them
 * accept while signed in as themselves, and removes them again (Gatehouse
 * dismisses: the records stay). Both sides alternate within every round.
 */
import type autocannon from 'autocannon';
import { postJson, query, signInCookie } from './calls.ts';
import { runLoad } from './measure.ts';
import { drainOutbox } from './statements.ts';
import type { ScenarioResult, SideResult } from './report.ts';
import type { Context, Side, Target } from './scenarios.ts';

const JSON_POST = { 'content-type': 'application/json' };
const CONNECTIONS = 16;
export const MEMBERSHIP_ADMIN = { email: 'bench-membership-admin@example.test', name: 'Membership Admin' };



/** A call of the set-up that must succeed. */
async function post(target: Target, path: string, body: unknown, cookie?: string): Promise<{ json: unknown }> {
  const { status, json } = await postJson(target, path, body, cookie);
  if (status >= 300) throw new Error(`${target.server.name} ${path}: ${status} ${JSON.stringify(json)}`);
  return { json };
}


/**
 * Better Auth's side of the 100,000-member directory: an organization with
 * as many members as Gatehouse's directory workspace, each a user of its own
 * (Better Auth's members are users), written in bulk like Gatehouse's. The
 * membership admin owns it. Answers its id.
 */
export async function seedBetterAuthDirectory(context: Context, members: number): Promise<string> {
  const target = context.targets.betterAuth;
  const [owner] = await query<{ id: string }>(target.databaseUrl, `select id from "user" where email = $1`, [MEMBERSHIP_ADMIN.email]);
  const organizationId = 'bench-directory-org';
  await query(target.databaseUrl, `insert into organization (id, name, slug, "createdAt") values ($1, 'Directory benchmark', 'bench-directory', now())`, [organizationId]);
  await query(target.databaseUrl, `insert into member (id, "organizationId", "userId", role, "createdAt") values (gen_random_uuid()::text, $1, $2, 'owner', now())`, [organizationId, owner!.id]);
  await query(
    target.databaseUrl,
    `with made as (
       insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt")
       select gen_random_uuid()::text, 'Directory Person ' || i, 'directory.' || i || '@corp.example', true, now(), now()
         from generate_series(1, $2::int) as i
       returning id)
     insert into member (id, "organizationId", "userId", role, "createdAt") select gen_random_uuid()::text, $1, id, 'member', now() from made`,
    [organizationId, members - 1],
  );
  await query(target.databaseUrl, 'analyze "user"; analyze member');
  return organizationId;
}

/** The same people verified on both sides, as Gatehouse's seed makes them: Better Auth's invitation acceptance asks for it. */
export async function verifyBetterAuthPeople(context: Context): Promise<void> {
  await query(context.targets.betterAuth.databaseUrl, `update "user" set "emailVerified" = true where email = any($1::text[])`, [context.people.map((person) => person.email)]);
}

/** One step's requests: each call takes the next of `bodies`, carrying the cookie given for it. */
function consuming(path: string, target: Target, bodies: unknown[], cookies: string[]): autocannon.Request {
  let next = 0;
  return {
    method: 'POST',
    path,
    headers: { ...JSON_POST, origin: target.server.url },
    setupRequest: (request) => {
      const index = next++;
      return { ...request, headers: { ...request.headers, cookie: cookies[index % cookies.length]! }, body: JSON.stringify(bodies[index]) };
    },
  };
}

/** The links Gatehouse mailed to `emails` after mail `afterId`, by address. */
async function invitationTokens(context: Context, emails: string[], afterId: number): Promise<Map<string, string>> {
  const wanted = new Set(emails);
  const found = new Map<string, string>();
  const until = Date.now() + 120_000;
  while (found.size < wanted.size && Date.now() < until) {
    for (const mail of context.mailSink.messages()) {
      if (mail.id <= afterId) continue;
      const to = mail.to.find((address) => wanted.has(address));
      const secret = /\/invitation#([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      if (to && secret) found.set(to, secret);
    }
    if (found.size < wanted.size) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (found.size < wanted.size) throw new Error(`only ${found.size} of ${wanted.size} invitation mails arrived`);
  return found;
}

/** Sessions of every bench person and of the admin, made once per side. */
const sessions = new Map<Side, { admin: string; people: string[] }>();
async function sessionsOf(context: Context, target: Target) {
  let made = sessions.get(target.side);
  if (!made) {
    const people: string[] = [];
    for (const person of context.people) people.push(await signInCookie(target, person.email));
    made = { admin: await signInCookie(target, MEMBERSHIP_ADMIN.email), people };
    sessions.set(target.side, made);
  }
  return made;
}

/** A fresh workspace (organization) with room for everyone, run by the membership admin. */
async function freshWorkspace(context: Context, target: Target, round: number, admin: string): Promise<string> {
  const slug = `bench-membership-${round}-${Date.now().toString(36)}`;
  if (target.side === 'gatehouse') {
    await post(target, '/trpc/workspace.create', { name: `Membership ${round}`, slug }, admin);
    // The free plan's twelve seats would stop the invitations: the benchmark's workspace is on the largest plan.
    await query(target.databaseUrl, `update workspace set plan = 'enterprise' where slug = $1`, [slug]);
    return slug;
  }
  const { json } = await post(target, '/api/auth/organization/create', { name: `Membership ${round}`, slug }, admin);
  return (json as { id: string }).id;
}

/** Each step of one round on one side: requests made just before it runs, since each consumes what the last one made. */
async function roundOf(context: Context, target: Target, round: number) {
  const { admin, people } = await sessionsOf(context, target);
  const emails = context.people.map((person) => person.email);
  const workspace = await freshWorkspace(context, target, round, admin);
  const gatehouse = target.side === 'gatehouse';
  const admins = [admin];
  return {
    invite: () =>
      gatehouse
        ? consuming('/trpc/invitations.send', target, emails.map((email) => ({ workspace, emails: [email] })), admins)
        : consuming('/api/auth/organization/invite-member', target, emails.map((email) => ({ email, role: 'member', organizationId: workspace })), admins),
    accept: async (afterMailId: number) => {
      if (gatehouse) {
        const tokens = await invitationTokens(context, emails, afterMailId);
        return consuming('/trpc/invitations.accept', target, emails.map((email) => ({ token: tokens.get(email) })), people);
      }
      const rows = await query<{ id: string; email: string }>(target.databaseUrl, `select id, email from invitation where "organizationId" = $1 and status = 'pending'`, [workspace]);
      const byEmail = new Map(rows.map((row) => [row.email, row.id]));
      return consuming('/api/auth/organization/accept-invitation', target, emails.map((email) => ({ invitationId: byEmail.get(email) })), people);
    },
    remove: async () => {
      if (gatehouse) {
        const rows = await query<{ id: string; email: string }>(
          target.databaseUrl,
          `select m.id, m.contact_email as email from member m join workspace w on w.id = m.workspace_id where w.slug = $1 and m.status = 'active' and m.source = 'invitation'`,
          [workspace],
        );
        const byEmail = new Map(rows.map((row) => [row.email, row.id]));
        return consuming('/trpc/members.dismiss', target, emails.map((email) => ({ workspace, memberId: byEmail.get(email) })), admins);
      }
      return consuming('/api/auth/organization/remove-member', target, emails.map((email) => ({ memberIdOrEmail: email, organizationId: workspace })), admins);
    },
  };
}

const STEPS = [
  { id: 'membership-invite', title: 'membership: invite one address', label: { gatehouse: 'POST /trpc/invitations.send', betterAuth: 'POST /api/auth/organization/invite-member' } },
  { id: 'membership-accept', title: 'membership: accept an invitation (signed in)', label: { gatehouse: 'POST /trpc/invitations.accept', betterAuth: 'POST /api/auth/organization/accept-invitation' } },
  { id: 'membership-remove', title: 'membership: remove a member (Gatehouse: dismiss)', label: { gatehouse: 'POST /trpc/members.dismiss', betterAuth: 'POST /api/auth/organization/remove-member' } },
] as const;

/** Every round: a fresh workspace on each side, then invite, accept and remove, the two sides alternating step by step. */
export async function runMembership(context: Context, pids: number[]): Promise<ScenarioResult[]> {
  const results = STEPS.map((step): ScenarioResult => ({ id: step.id, title: step.title, connections: CONNECTIONS, sides: {} }));
  const sides: Side[] = ['gatehouse', 'betterAuth'];
  for (const [index, step] of STEPS.entries()) for (const side of sides) results[index]!.sides[side] = { label: step.label[side], statementsPerRequest: null, rounds: [] } satisfies SideResult;
  const amount = context.people.length;
  for (let round = 0; round < context.settings.rounds; round++) {
    const rounds = await Promise.all(sides.map(async (side) => [side, await roundOf(context, context.targets[side], round)] as const));
    const measure = async (index: number, side: Side, request: autocannon.Request) => {
      const target = context.targets[side];
      let figures: Awaited<ReturnType<typeof runLoad>> | undefined;
      const load = async () => {
        figures = await runLoad({ server: target.server, connections: CONNECTIONS, seconds: 0, amount, requests: [request] }, pids);
      };
      const counted = context.statements ? await context.statements.during(target.database, amount, load) : (await load(), null);
      if (figures!.statuses['2xx'] !== amount) throw new Error(`${STEPS[index]!.id} on ${side}: ${figures!.statuses['2xx']} of ${amount} calls succeeded (${JSON.stringify(figures!.statuses)})`);
      const result = results[index]!.sides[side]!;
      result.rounds.push({ ...figures!, reruns: 0 });
      if (counted) result.statementsPerRequest = counted.perRequest;
      // Gatehouse's invitation mails leave in the background: delivered before the other side is measured.
      await drainOutbox(context.targets.gatehouse.databaseUrl);
    };
    const lastMail = new Map<Side, number>();
    for (const [side, steps] of rounds) {
      lastMail.set(side, context.mailSink.messages().at(-1)?.id ?? 0);
      await measure(0, side, steps.invite());
    }
    for (const [side, steps] of rounds) await measure(1, side, await steps.accept(lastMail.get(side)!));
    for (const [side, steps] of rounds) await measure(2, side, await steps.remove());
  }
  return results;
}
