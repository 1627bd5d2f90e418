import pg from 'pg';
import type { Target } from './scenarios.ts';
import { PASSWORD } from './seed.ts';

/** A JSON POST from this origin, with a session cookie when given. */
export async function postJson(target: Target, path: string, body: unknown, cookie?: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${target.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: target.server.url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

/** A Gatehouse procedure called as the console does (a POST with the input as JSON), its data or an error. */
export async function trpc<T>(target: Target, path: string, body: unknown, cookie: string): Promise<T> {
  const { status, json } = await postJson(target, `/trpc/${path}`, body, cookie);
  if (status >= 300) throw new Error(`Gatehouse ${path}: ${status} ${JSON.stringify(json)}`);
  return (json as { result: { data: T } }).result.data;
}

/** The cookies an answer sets, as a request sends them back. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

/** A browser session of `email` on this server: Gatehouse's cookie, or Better Auth's (under `via`, e.g. its cookie-cache instance). */
export async function signInCookie(target: Target, email: string, via = ''): Promise<string> {
  const gatehouse = target.side === 'gatehouse';
  const response = await fetch(`${target.server.url}${gatehouse ? '/trpc/auth.signIn' : `${via}/api/auth/sign-in/email`}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: target.server.url },
    body: JSON.stringify(gatehouse ? { email, password: PASSWORD, client: 'browser' } : { email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`${target.server.name} sign-in failed: ${response.status} ${await response.text()}`);
  return cookieOf(response);
}

/** One statement on a side's database, outside the server (set-up the API has no call for). */
export async function query<Row extends pg.QueryResultRow>(databaseUrl: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}
