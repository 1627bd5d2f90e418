import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { uniqueSlug, useTestDatabase } from '@gatehouse/db/testing';
import { freePort } from '@gatehouse/embedded-postgres';
import { RETIRED_KEY_PUBLISHED_MS } from '@gatehouse/api';
import { rotateSigningKeys } from '@gatehouse/services';
import { cookieFetch, startTestServer, testPeople, TEST_PASSWORD } from './testing.ts';

const db = useTestDatabase();
const CALLBACK = 'http://localhost:4998/callback';
type Server = Awaited<ReturnType<typeof startTestServer>>;
let first: Server;
let second: Server;
const issuer = () => first.publicUrl;

// Two api processes of one deployment: one database, one PUBLIC_URL, one server key.
beforeAll(async () => {
  const port = await freePort();
  const shared = { PUBLIC_URL: `http://localhost:${port}`, APP_SECRET: Buffer.from('one deployment, one server key, shared by both api processes').toString('base64') };
  first = await startTestServer({ databaseUrl: db.url, port, env: shared });
  second = await startTestServer({ databaseUrl: db.url, env: shared });
});
afterAll(async () => {
  await second?.close();
  await first?.close();
});

/** The relying party, whose every request to the issuer goes to the second process instead. */
async function relyingPartyOnSecond(clientId: string, secret: string): Promise<oidc.Configuration> {
  const config = await oidc.discovery(new URL(issuer()), clientId, { redirect_uris: [CALLBACK] }, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
  config[oidc.customFetch] = (url, options) => fetch(url.replace(issuer(), second.url), options as RequestInit);
  return config;
}

/** A browser signing in through the first process, to the point where it is sent back to the app with a code. */
async function codeFromFirst(config: oidc.Configuration, email: string, slug: string) {
  const browser = cookieFetch();
  const signIn = await browser(`${first.url}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: TEST_PASSWORD, workspace: slug }) });
  expect(signIn.ok).toBe(true);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  let next: string | null = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid email', state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }).href;
  for (let hop = 0; next && !next.startsWith(CALLBACK) && hop < 8; hop += 1) {
    const here: URL = new URL(next, first.url);
    const interaction = /^\/oidc\/interaction\/([^/]+)$/.exec(here.pathname);
    if (interaction) {
      const answer = (await (await browser(`${first.url}/oidc/interaction/${interaction[1]}/state`)).json()) as { step: string; redirectTo?: string };
      next = answer.redirectTo ?? null;
      continue;
    }
    next = (await browser(`${first.url}${here.pathname}${here.search}`, { redirect: 'manual' })).headers.get('location');
  }
  return { callback: new URL(next!), verifier, state };
}

describe('two api processes serve one issuer', () => {
  it('authorize on one, code exchange and userinfo on the other; a key rotation keeps earlier tokens verifiable', async () => {
    const people = testPeople({ server: () => first, orm: () => db.orm });
    const admin = await people.signedIn({ name: 'Two Processes' });
    const slug = uniqueSlug();
    await admin.client.workspace.create.mutate({ name: 'Cluster', slug });
    const { app, secret } = await admin.client.apps.create.mutate({ workspace: slug, kind: 'web', name: 'Cluster App', redirectUris: [CALLBACK], skipConsent: true });
    const config = await relyingPartyOnSecond(app.id, secret!);

    const before = await codeFromFirst(config, admin.email, slug);
    const tokens = await oidc.authorizationCodeGrant(config, before.callback, { pkceCodeVerifier: before.verifier, expectedState: before.state });
    expect(tokens.claims()).toMatchObject({ iss: issuer(), email: admin.email });
    expect(await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub)).toMatchObject({ email: admin.email });

    // The monthly rotation (or `pnpm oidc:rotate-keys`), then each process picks the keys up.
    await rotateSigningKeys({ em: db.orm.em.fork(), appSecret: first.serviceConfig.appSecret, keepPublishedMs: RETIRED_KEY_PUBLISHED_MS });
    expect(await first.oidcIssuer.refreshKeys()).toBe(true);
    expect(await second.oidcIssuer.refreshKeys()).toBe(true);
    const jwks = createRemoteJWKSet(new URL(`${second.url}/oidc/jwks`));
    // The ID token signed before the rotation still verifies against what the issuer publishes…
    await expect(jwtVerify(tokens.id_token!, jwks, { issuer: issuer(), audience: app.id })).resolves.toBeTruthy();
    // …and a new sign-in is signed with the new key.
    const after = await codeFromFirst(config, admin.email, slug);
    const fresh = await oidc.authorizationCodeGrant(config, after.callback, { pkceCodeVerifier: after.verifier, expectedState: after.state });
    expect(decodeProtectedHeader(fresh.id_token!).kid).not.toBe(decodeProtectedHeader(tokens.id_token!).kid);
    await expect(jwtVerify(fresh.id_token!, jwks, { issuer: issuer(), audience: app.id })).resolves.toBeTruthy();
  });
});
