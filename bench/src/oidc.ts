import { createHash, randomBytes } from 'node:crypto';
import { signInCookie } from './calls.ts';
import type { Context, Side, Target } from './scenarios.ts';

/*
 * The OpenID Connect scenarios' set-up, the same on both sides: one web app
 * (client secret, consent skipped, PKCE), its person signed in, codes minted
 * through the real authorization endpoint with the person's cookies, and the
 * three calls the benchmark measures: the code exchange, userinfo and
 * introspection.
 */

// Never followed: the code is read from the redirect itself.
const REDIRECT_URI = 'https://bench-app.example.test/callback';

interface Paths {
  authorize: string;
  token: string;
  userinfo: string;
  introspect: string;
}
const PATHS: Record<Side, Paths> = {
  gatehouse: { authorize: '/oidc/auth', token: '/oidc/token', userinfo: '/oidc/me', introspect: '/oidc/token/introspection' },
  betterAuth: { authorize: '/oauth/api/auth/oauth2/authorize', token: '/oauth/api/auth/oauth2/token', userinfo: '/oauth/api/auth/oauth2/userinfo', introspect: '/oauth/api/auth/oauth2/introspect' },
};

export interface OidcSide {
  paths: Paths;
  /** `Authorization: Basic …` of the app. */
  basic: string;
  redirectUri: string;
  /** A fresh code and its verifier, minted through the authorization endpoint. */
  mintCode(): Promise<{ code: string; verifier: string }>;
  /** A fresh access token of the person, from a real code exchange. */
  accessToken(): Promise<string>;
}

/** A cookie jar for one browser: what the server set, sent back. */
class Jar {
  private readonly cookies = new Map<string, string>();
  constructor(initial: string) {
    this.take(initial.split('; '));
  }
  take(pairs: string[]): void {
    for (const pair of pairs) {
      const index = pair.indexOf('=');
      if (index > 0) this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }
  absorb(response: Response): void {
    this.take(response.headers.getSetCookie().map((header) => header.split(';')[0]!).filter((pair) => !pair.endsWith('=')));
  }
  /** A browser tab of its own: flows running at once must not overwrite each other's interaction cookies. */
  copy(): Jar {
    return new Jar(this.header);
  }
  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function registerApp(context: Context, target: Target): Promise<{ clientId: string; secret: string; cookie: string; email: string }> {
  if (target.side === 'gatehouse') {
    const email = context.seed.directory.adminEmail;
    const cookie = await signInCookie(target, email);
    const response = await fetch(`${target.server.url}/trpc/apps.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: target.server.url, cookie },
      body: JSON.stringify({ workspace: context.seed.directory.slug, kind: 'web', name: 'Bench App', redirectUris: [REDIRECT_URI], skipConsent: true }),
    });
    const { result } = (await response.json()) as { result: { data: { app: { id: string }; secret: string } } };
    return { clientId: result.data.app.id, secret: result.data.secret, cookie, email };
  }
  const email = context.people[1]!.email;
  const cookie = await signInCookie(target, email, '/oauth');
  const response = await fetch(`${target.server.url}/bench/oauth-client?redirect_uri=${encodeURIComponent(REDIRECT_URI)}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`Better Auth could not register the app: ${await response.text()}`);
  const client = (await response.json()) as { client_id: string; client_secret: string };
  return { clientId: client.client_id, secret: client.client_secret, cookie, email };
}

const sides = new Map<Side, Promise<OidcSide>>();

/** The side's app and signed-in person, made once per run. */
export function oidcSide(context: Context, target: Target): Promise<OidcSide> {
  let made = sides.get(target.side);
  if (!made) {
    made = prepare(context, target);
    sides.set(target.side, made);
  }
  return made;
}

async function prepare(context: Context, target: Target): Promise<OidcSide> {
  const paths = PATHS[target.side];
  const { clientId, secret, cookie } = await registerApp(context, target);
  const jar = new Jar(cookie);
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

  /** Follows the authorization's redirects (Gatehouse's first one passes its interaction, as the portal page does) to the code. */
  async function mintCode(): Promise<{ code: string; verifier: string }> {
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      state: randomBytes(8).toString('hex'),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const tab = jar.copy();
    let next: string | null = `${paths.authorize}?${query}`;
    for (let hop = 0; next && hop < 8; hop += 1) {
      if (next.startsWith(REDIRECT_URI)) {
        const code = new URL(next).searchParams.get('code');
        if (!code) throw new Error(`${target.server.name}: no code (${next})`);
        return { code, verifier };
      }
      const url: URL = new URL(next, target.server.url);
      const interaction = /^\/oidc\/interaction\/([^/]+)$/.exec(url.pathname);
      const response: Response = await fetch(interaction ? `${target.server.url}${url.pathname}/state` : `${target.server.url}${url.pathname}${url.search}`, { redirect: 'manual', headers: { cookie: tab.header } });
      tab.absorb(response);
      if (interaction) next = ((await response.json()) as { redirectTo?: string }).redirectTo ?? null;
      else {
        next = response.headers.get('location');
        // Better Auth may answer the redirect as JSON for a fetch.
        if (!next && response.headers.get('content-type')?.includes('json')) next = ((await response.json()) as { url?: string; redirect_uri?: string }).url ?? null;
      }
    }
    throw new Error(`${target.server.name}: the authorization did not come back with a code`);
  }

  const side = { paths, basic, redirectUri: REDIRECT_URI, mintCode };
  return { ...side, accessToken: async () => (await exchange(side, target, await mintCode())).access_token };
}

export function exchangeBody(redirectUri: string, code: { code: string; verifier: string }): string {
  return new URLSearchParams({ grant_type: 'authorization_code', code: code.code, code_verifier: code.verifier, redirect_uri: redirectUri }).toString();
}

async function exchange(side: Pick<OidcSide, 'paths' | 'basic' | 'redirectUri'>, target: Target, code: { code: string; verifier: string }): Promise<{ access_token: string }> {
  const response = await fetch(`${target.server.url}${side.paths.token}`, {
    method: 'POST',
    headers: { authorization: side.basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: exchangeBody(side.redirectUri, code),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) throw new Error(`${target.server.name}: code exchange failed: ${response.status} ${JSON.stringify(body)}`);
  return { access_token: body.access_token };
}
