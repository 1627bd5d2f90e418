/**
 * Passkey sign-in side by side with Better Auth's passkey plugin. Each side
 * first gives some bench people a passkey (a software authenticator, real
 * P-256 signatures; set-up, not measured). Then a sign-in ceremony is
 * measured in its two requests, each 16 at a time: the server's options
 * (a challenge it stores), then the signed answer that makes the session.
 * A ceremony's rate is that of both steps one after the other.
 */
import type autocannon from 'autocannon';
import { cookieOf } from './calls.ts';
import { figuresOf, fire, settle } from './measure.ts';
import type { ScenarioResult } from './report.ts';
import type { Context, Target } from './scenarios.ts';
import { PASSWORD } from './seed.ts';
import { SoftwarePasskey, type AssertionRequest, type RegistrationRequest } from './software-authenticator.ts';

const CONNECTIONS = 16;
const JSON_POST = { 'content-type': 'application/json' };

/** The endpoints of each side: Gatehouse's procedures, and Better Auth's instance with the passkey plugin. */
function pathsOf(target: Target) {
  return target.side === 'gatehouse'
    ? { signIn: '/trpc/auth.signIn', registrationOptions: '/trpc/passkeys.registrationOptions', register: '/trpc/passkeys.register', options: '/trpc/auth.passkeyOptions', verify: '/trpc/auth.signInWithPasskey' }
    : {
        signIn: '/passkey/api/auth/sign-in/email',
        registrationOptions: '/passkey/api/auth/passkey/generate-register-options',
        register: '/passkey/api/auth/passkey/verify-registration',
        options: '/passkey/api/auth/passkey/generate-authenticate-options',
        verify: '/passkey/api/auth/passkey/verify-authentication',
      };
}

/** Gatehouse answers `{result: {data}}`; Better Auth the value itself. */
function dataOf<T>(target: Target, json: unknown): T {
  return (target.side === 'gatehouse' ? (json as { result: { data: T } }).result.data : json) as T;
}

async function call(target: Target, path: string, init: { method: 'GET' | 'POST'; cookie?: string; body?: unknown }): Promise<{ json: unknown; cookie: string }> {
  const response = await fetch(`${target.server.url}${path}`, {
    method: init.method,
    headers: { ...JSON_POST, origin: target.server.url, ...(init.cookie ? { cookie: init.cookie } : {}) },
    ...(init.method === 'POST' ? { body: JSON.stringify(init.body ?? {}) } : {}),
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${target.server.name} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return { json, cookie: cookieOf(response) };
}

/**
 * One passkey for `email`, registered while signed in with the password. On
 * Gatehouse the sign-in also makes the browser a known device (its cookie
 * comes back with every passkey sign-in, as a returning browser's would).
 */
async function enrol(target: Target, email: string, index: number): Promise<{ passkey: SoftwarePasskey; device: string }> {
  const paths = pathsOf(target);
  const passkey = new SoftwarePasskey(target.server.url, new URL(target.server.url).hostname);
  const gatehouse = target.side === 'gatehouse';
  const device = gatehouse ? `gatehouse_device=${Buffer.from(`passkey-${index}-${email}`).toString('base64url').padEnd(22, 'x').slice(0, 64)}` : '';
  const signedIn = await call(target, paths.signIn, { method: 'POST', cookie: device, body: gatehouse ? { email, password: PASSWORD, client: 'browser' } : { email, password: PASSWORD } });
  const session = [device, signedIn.cookie].filter(Boolean).join('; ');
  const started = await call(target, paths.registrationOptions, { method: gatehouse ? 'POST' : 'GET', cookie: session });
  if (gatehouse) {
    const { ceremonyId, options } = dataOf<{ ceremonyId: string; options: RegistrationRequest }>(target, started.json);
    await call(target, paths.register, { method: 'POST', cookie: session, body: { ceremonyId, response: passkey.register(options), name: 'Bench key' } });
  } else {
    const options = dataOf<RegistrationRequest>(target, started.json);
    await call(target, paths.register, { method: 'POST', cookie: `${session}; ${started.cookie}`, body: { response: passkey.register(options), name: 'Bench key' } });
  }
  return { passkey, device };
}

/** A started ceremony: Gatehouse names it by id, Better Auth by a signed cookie. */
interface Ceremony {
  challenge: AssertionRequest;
  ceremonyId?: string;
  cookie?: string;
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string[] {
  const value = headers[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Step one, measured: `amount` ceremonies started, their challenges kept for step two. */
async function startCeremonies(target: Target, amount: number) {
  const paths = pathsOf(target);
  const gatehouse = target.side === 'gatehouse';
  const ceremonies: Ceremony[] = [];
  const started = Date.now();
  const outcome = await fire({
    server: target.server,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: gatehouse ? 'POST' : 'GET',
        path: paths.options,
        headers: { ...JSON_POST, origin: target.server.url },
        onResponse: (status: number, body: string, _context: unknown, headers: Record<string, string | string[] | undefined>) => {
          if (status !== 200) return;
          if (gatehouse) {
            const { ceremonyId, options } = dataOf<{ ceremonyId: string; options: AssertionRequest }>(target, JSON.parse(body));
            ceremonies.push({ challenge: options, ceremonyId });
          } else {
            const cookie = headerValue(headers, 'set-cookie').map((header) => header.split(';')[0]!).join('; ');
            ceremonies.push({ challenge: JSON.parse(body) as AssertionRequest, cookie });
          }
        },
      } as autocannon.Request,
    ],
  });
  return { ceremonies, figures: figuresOf(outcome, (Date.now() - started) / 1000) };
}

/** Step two, measured: each ceremony answered once by one of the enrolled passkeys. */
async function answerCeremonies(target: Target, ceremonies: Ceremony[], enrolled: { passkey: SoftwarePasskey; device: string }[]) {
  const paths = pathsOf(target);
  const gatehouse = target.side === 'gatehouse';
  const answers = ceremonies.map((ceremony, index) => {
    const { passkey, device } = enrolled[index % enrolled.length]!;
    const response = passkey.assert(ceremony.challenge);
    return gatehouse
      ? { cookie: device, body: JSON.stringify({ ceremonyId: ceremony.ceremonyId, response, client: 'browser' }) }
      : { cookie: ceremony.cookie ?? '', body: JSON.stringify({ response }) };
  });
  let next = 0;
  const started = Date.now();
  const outcome = await fire({
    server: target.server,
    connections: CONNECTIONS,
    amount: answers.length,
    requests: [
      {
        method: 'POST',
        path: paths.verify,
        headers: { ...JSON_POST, origin: target.server.url },
        setupRequest: (request) => {
          // autocannon may prepare a request or two beyond `amount` that it never sends.
          const answer = answers[next++ % answers.length]!;
          return { ...request, headers: { ...request.headers, cookie: answer.cookie }, body: answer.body };
        },
      },
    ],
  });
  return figuresOf(outcome, (Date.now() - started) / 1000);
}

export async function runPasskeySignIn(context: Context, extra: { id: string; title: string }): Promise<ScenarioResult> {
  const amount = context.settings.smoke ? 40 : 3000;
  const people = context.people.slice(0, context.settings.smoke ? 10 : 100);
  const result: ScenarioResult = { id: extra.id, title: extra.title, connections: CONNECTIONS, sides: {} };
  for (const target of [context.targets.gatehouse, context.targets.betterAuth]) {
    const enrolled = [];
    for (const [index, person] of people.entries()) enrolled.push(await enrol(target, person.email, index));
    await settle(target.server.pid);
    const { ceremonies, figures: options } = await startCeremonies(target, amount);
    await settle(target.server.pid);
    const verify = await answerCeremonies(target, ceremonies, enrolled);
    await settle(target.server.pid);
    // Every ceremony must start and sign in: a refusal here is a broken scenario, not a figure.
    if (ceremonies.length !== amount || verify.ok !== amount) throw new Error(`${target.server.name}: ${ceremonies.length} of ${amount} ceremonies started, ${verify.ok} signed in`);
    const ceremoniesPerSecond = options.perSecond && verify.perSecond ? Math.round(1 / (1 / options.perSecond + 1 / verify.perSecond)) : 0;
    const paths = pathsOf(target);
    result.sides[target.side] = {
      label: `${target.side === 'gatehouse' ? 'POST' : 'GET'} ${paths.options}, then POST ${paths.verify}`,
      statementsPerRequest: null,
      rounds: [],
      notes: {
        ceremoniesPerSecond,
        optionsPerSecond: options.perSecond,
        optionsP99ms: options.p99ms,
        verifiesPerSecond: verify.perSecond,
        verifyP50ms: verify.p50ms,
        verifyP99ms: verify.p99ms,
        signedIn: verify.ok,
        refused: options.refused + verify.refused,
        failed: options.failed + verify.failed,
      },
    };
  }
  return result;
}
