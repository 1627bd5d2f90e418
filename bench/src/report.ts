import type { Figures } from './measure.ts';
import type { Side } from './scenarios.ts';

export interface SideResult {
  label: string;
  statementsPerRequest: number | null;
  /** Whether any statement of this call mentioned OFFSET (the directory must never page that way). */
  usedOffset?: boolean;
  rounds: (Figures & { reruns: number })[];
  /** Scenario-specific figures (flood, memory…). */
  notes?: Record<string, number | string | boolean>;
  /** One more round at half the median saturated rate, where latency targets are judged. */
  halfLoad?: Figures & { reruns: number; offeredPerSecond: number };
}

export interface ScenarioResult {
  id: string;
  title: string;
  connections: number;
  sides: Partial<Record<Side, SideResult>>;
}

export interface Report {
  when: string;
  machine: string;
  betterAuthVersion: string;
  settings: { smoke: boolean; seconds: number; rounds: number; people: number; members: number; sessions: number };
  argon2: { verifiesPerSecond: number; parallelism: number };
  idleRssMb: Record<Side, number>;
  finalIdleRssMb: Record<Side, number>;
  results: ScenarioResult[];
}

const NAMES: Record<Side, string> = { gatehouse: 'Gatehouse', betterAuth: 'Better Auth' };

/** The round with the median throughput: one slow or fast round does not decide. */
export function medianRound(side: SideResult): Figures & { reruns: number } {
  const sorted = [...side.rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function find(report: Report, id: string, side: Side): (Figures & { reruns: number }) | undefined {
  const result = report.results.find((candidate) => candidate.id === id)?.sides[side];
  return result && result.rounds.length ? medianRound(result) : undefined;
}

function ratio(report: Report, id: string): number | undefined {
  const a = find(report, id, 'gatehouse');
  const b = find(report, id, 'betterAuth');
  return a && b && b.requestsPerSecond > 0 ? Math.round((a.requestsPerSecond / b.requestsPerSecond) * 100) / 100 : undefined;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

/** The targets, each judged on this run's figures (null: not measured in this run). */
export function checkTargets(report: Report): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (target: string, value: number | undefined, measured: (value: number) => string, met: (value: number) => boolean) =>
    checks.push(value === undefined ? { target, measured: 'not measured', met: null } : { target, measured: measured(value), met: met(value) });
  const signIn = find(report, 'sign-in', 'gatehouse');
  add('password sign-in ≥ 6× Better Auth', ratio(report, 'sign-in'), (v) => `${v}×`, (v) => v >= 6);
  // Judged against the bound measured right before that round (the start-of-run figure when there is none).
  const bound = signIn?.argon2Bound ?? report.argon2.verifiesPerSecond;
  add('password sign-in ≥ 90% of the argon2id bound', signIn ? signIn.requestsPerSecond / bound : undefined, (v) => `${Math.round(v * 100)}% of ${bound}/s`, (v) => v >= 0.9);
  for (const id of ['wrong-password', 'unknown-email']) {
    const other = find(report, id, 'gatehouse');
    const spread = signIn && other ? Math.max(Math.abs(other.requestsPerSecond / signIn.requestsPerSecond - 1), Math.abs(other.p50ms / signIn.p50ms - 1)) : undefined;
    add(`${id}: throughput and p50 within ±10% of a right password`, spread, (v) => `${Math.round(v * 100)}% apart`, (v) => v <= 0.1);
  }
  add('session check ≥ 4× Better Auth get-session', ratio(report, 'session'), (v) => `${v}×`, (v) => v >= 4);
  add('session check ≥ 2.5× Better Auth with cookie cache', ratio(report, 'session-cookie-cache'), (v) => `${v}×`, (v) => v >= 2.5);
  const session = report.results.find((result) => result.id === 'session')?.sides.gatehouse;
  add('session check: exactly 1 SQL statement per request', session?.statementsPerRequest ?? undefined, (v) => `${v}`, (v) => v === 1);
  add('session check p99 ≤ 15 ms at half load', atHalfLoad(report, 'session').p99, atHalfLoad(report, 'session').says, (v) => v <= 15);
  add('sign-up ≥ 5× Better Auth', ratio(report, 'sign-up'), (v) => `${v}×`, (v) => v >= 5);
  add('directory deep page p99 ≤ 20 ms at half load', atHalfLoad(report, 'directory-deep').p99, atHalfLoad(report, 'directory-deep').says, (v) => v <= 20);
  for (const id of ['directory-search-broad', 'directory-search-narrow']) add(`${id} p99 ≤ 50 ms at half load`, atHalfLoad(report, id).p99, atHalfLoad(report, id).says, (v) => v <= 50);
  for (const id of ['membership-invite', 'membership-accept', 'directory-first', 'membership-remove']) add(`${id} ≥ 10× Better Auth`, ratio(report, id), (v) => `${v}×`, (v) => v >= 10);
  const offsets = report.results.filter((result) => result.id.startsWith('directory')).map((result) => result.sides.gatehouse?.usedOffset);
  add('directory never pages with OFFSET', offsets.length ? offsets.filter(Boolean).length : undefined, (v) => `${v} calls used OFFSET`, (v) => v === 0);
  for (const id of ['oidc-userinfo', 'oidc-introspection']) add(`${id} ≥ 3× Better Auth’s OAuth provider`, ratio(report, id), (v) => `${v}×`, (v) => v >= 3);
  /** A figure an extra scenario noted for one side (its rounds are not autocannon's). */
  const noted = (id: string, side: Side, figure: string) => {
    const notes = report.results.find((result) => result.id === id)?.sides[side]?.notes;
    return notes ? Number(notes[figure]) : undefined;
  };
  /** `ours` against `theirs`, as a target checks it: their ratio, and both figures. */
  const against = (target: string, ours: number | undefined, theirs: number | undefined, atLeast: number) =>
    add(target, ours !== undefined && theirs ? Math.round((ours / theirs) * 100) / 100 : undefined, (v) => `${v}× (${ours} vs ${theirs}/s)`, (v) => v >= atLeast);
  const gatehouseExchanges = noted('oidc-code-exchange', 'gatehouse', 'exchangesPerSecond');
  against('oidc code exchange ≥ 3× Better Auth’s OAuth provider', gatehouseExchanges, noted('oidc-code-exchange', 'betterAuth', 'exchangesPerSecond'), 3);
  const sessionRate = find(report, 'session', 'gatehouse')?.requestsPerSecond;
  add(
    'token issuance ≥ 1/3 of the session-check rate',
    gatehouseExchanges !== undefined && sessionRate ? gatehouseExchanges / sessionRate : undefined,
    (v) => `${gatehouseExchanges}/s vs ${sessionRate}/s (${Math.round(v * 100)}%)`,
    (v) => v >= 1 / 3,
  );
  const ceremonies = noted('passkey-sign-in', 'gatehouse', 'ceremoniesPerSecond');
  against('passkey sign-in ≥ 3× Better Auth’s passkey plugin', ceremonies, noted('passkey-sign-in', 'betterAuth', 'ceremoniesPerSecond'), 3);
  against('passkey sign-in ≥ 5× Gatehouse’s password sign-in', ceremonies, signIn?.requestsPerSecond, 5);
  const hooks = report.results.find((result) => result.id === 'webhook-fan-out')?.sides.gatehouse?.notes;
  add('webhooks: a membership change ≤ 10% slower with 3 endpoints on', hooks ? Number(hooks.percentSlowerWithWebhooks) : undefined, (v) => `${v}% (${hooks?.changesPerSecondWith} vs ${hooks?.changesPerSecondWithout}/s)`, (v) => v <= 10);
  add('webhooks: every delivery acknowledged', hooks ? Number(hooks.deliveriesExpected) - Number(hooks.deliveriesAcknowledged) : undefined, () => `${hooks?.deliveriesAcknowledged} of ${hooks?.deliveriesExpected} in ${hooks?.secondsUntilAllAcknowledged} s`, (v) => v === 0);
  const flood = report.results.find((result) => result.id === 'login-flood')?.sides.gatehouse?.notes;
  add('flood: authenticated requests p99 ≤ 25 ms', flood ? Number(flood.sessionP99ms) : undefined, (v) => `${v} ms`, (v) => v <= 25);
  add('flood: /healthz p99 ≤ 20 ms', flood ? Number(flood.healthP99ms) : undefined, (v) => `${v} ms`, (v) => v <= 20);
  add('flood: no 5xx, excess sign-ins RATE_LIMITED', flood ? Number(flood.fiveHundreds) : undefined, (v) => `${v} × 5xx, ${flood?.rateLimited} × 429`, (v) => v === 0 && Number(flood?.rateLimited) > 0);
  const searches = report.results.find((result) => result.id === 'slow-searches')?.sides.gatehouse?.notes;
  add('slow searches: session check p99 < 50 ms beside 500 connections of searches', searches ? Number(searches.sessionP99ms) : undefined, (v) => `${v} ms (${searches?.searchesAnswered} searches answered, ${searches?.searchesRefused} refused with 503)`, (v) => v < 50);
  add('slow searches: no failure but a 503 refusal', searches ? Number(searches.otherFailures) : undefined, (v) => `${v} other failures`, (v) => v === 0);
  add('idle RSS ≤ 200 MB', report.idleRssMb.gatehouse, (v) => `${v} MB`, (v) => v <= 200);
  const memory = report.results.find((result) => result.id === 'memory')?.sides.gatehouse?.notes;
  add('RSS flat while sessions are checked: after the second half of the seeded sessions (100,000 in a full run) vs after the first (≤ +10%)', memory ? Number(memory.growth) : undefined, (v) => `${memory?.beforeMb} → ${memory?.afterMb} MB (${Math.round(v * 100)}%)`, (v) => v <= 0.1);
  return checks;
}

/** Gatehouse's p99 at half its saturated rate (falling back to the saturated median when the run had no such round), and how to say it. */
function atHalfLoad(report: Report, id: string): { p99: number | undefined; says: (v: number) => string } {
  const side = report.results.find((result) => result.id === id)?.sides.gatehouse;
  const half = side?.halfLoad;
  if (half) return { p99: half.p99ms, says: (v) => `${v} ms at ${half.requestsPerSecond} req/s (saturated: ${medianRound(side).p99ms} ms at ${medianRound(side).requestsPerSecond} req/s)` };
  const saturated = find(report, id, 'gatehouse');
  return { p99: saturated?.p99ms, says: (v) => `${v} ms (saturated only)` };
}

/** The bounds measured before each Gatehouse sign-in round, for the header. */
function boundsBeforeSignIn(report: Report): string {
  const bounds = report.results.find((result) => result.id === 'sign-in')?.sides.gatehouse?.rounds.map((round) => round.argon2Bound).filter((bound) => bound !== undefined);
  return bounds?.length ? `, ${bounds.join(' / ')} before each sign-in round` : '';
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function renderMarkdown(report: Report): string {
  const lines: string[] = [];
  lines.push(`### Gatehouse ÷ Better Auth ${report.betterAuthVersion}${report.settings.smoke ? ' (smoke run: figures mean nothing)' : ''}`, '');
  lines.push(
    `${report.when.slice(0, 16).replace('T', ' ')} UTC · ${report.machine} · ${report.settings.rounds} rounds of ${report.settings.seconds} s per side, interleaved, median round shown · argon2id bound ${report.argon2.verifiesPerSecond} verifies/s at the start${boundsBeforeSignIn(report)} · idle RSS Gatehouse ${report.idleRssMb.gatehouse} MB, Better Auth ${report.idleRssMb.betterAuth} MB`,
    '',
  );
  lines.push(row(['scenario', 'conns', 'Gatehouse req/s', 'Better Auth req/s', 'ratio']), row(['---', '---:', '---:', '---:', '---:']));
  for (const result of report.results) {
    const a = result.sides.gatehouse && result.sides.gatehouse.rounds.length ? medianRound(result.sides.gatehouse) : undefined;
    const b = result.sides.betterAuth && result.sides.betterAuth.rounds.length ? medianRound(result.sides.betterAuth) : undefined;
    if (!a && !b) continue;
    lines.push(row([result.title, result.connections, a?.requestsPerSecond ?? '—', b?.requestsPerSecond ?? '—', ratio(report, result.id) ? `**${ratio(report, result.id)}×**` : '—']));
  }
  lines.push('', row(['scenario', 'server', 'call', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '2xx / 4xx / 5xx', 'errors', 'CPU cores (main thread)', 'PostgreSQL cores', 'max RSS MB', 'loop p99 ms', 'SQL / req', 're-runs']));
  lines.push(row(['---', '---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const result of report.results) {
    for (const [side, figures] of Object.entries(result.sides) as [Side, SideResult][]) {
      if (!figures.rounds.length) continue;
      const m = medianRound(figures);
      lines.push(
        row([
          result.title,
          NAMES[side],
          `\`${figures.label}\``,
          m.requestsPerSecond,
          m.p50ms,
          m.p99ms,
          m.maxMs,
          `${m.statuses['2xx']} / ${m.statuses['4xx']} / ${m.statuses['5xx']}`,
          m.errors,
          `${m.serverCores} (${m.serverMainThreadCores})`,
          m.postgresCores,
          m.serverMaxRssMb,
          m.loopDelay.p99,
          figures.statementsPerRequest ?? '—',
          m.reruns,
        ]),
      );
    }
  }
  const halved = report.results.filter((result) => result.sides.gatehouse?.halfLoad);
  if (halved.length) {
    lines.push('', row(['scenario (Gatehouse at half its saturated rate)', 'offered req/s', 'answered req/s', 'p50 ms', 'p99 ms', 'max ms', 'CPU cores', 'PostgreSQL cores']), row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
    for (const result of halved) {
      const h = result.sides.gatehouse!.halfLoad!;
      lines.push(row([result.title, h.offeredPerSecond, h.requestsPerSecond, h.p50ms, h.p99ms, h.maxMs, h.serverCores, h.postgresCores]));
    }
  }
  const noted = report.results.flatMap((result) => Object.entries(result.sides).filter(([, side]) => side.notes).map(([side, value]) => ({ result, side: side as Side, notes: value.notes! })));
  if (noted.length) {
    lines.push('', row(['scenario', 'server', 'figures']), row(['---', '---', '---']));
    for (const { result, side, notes } of noted) lines.push(row([result.title, NAMES[side], Object.entries(notes).map(([key, value]) => `${key} ${value}`).join(' · ')]));
  }
  lines.push('', row(['target', 'this run', 'met']), row(['---', '---', ':---:']));
  for (const check of checkTargets(report)) lines.push(row([check.target, check.measured, check.met === null ? '—' : check.met ? '✓' : '✗']));
  return `${lines.join('\n')}\n`;
}
