import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCodeAt } from '@gatehouse/auth';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { freePort } from '@gatehouse/embedded-postgres';
import { deliverAppLogouts, isPrivateAddress, postForm } from '@gatehouse/services';
import { uniqueSlug } from '@gatehouse/db/testing';
import { linkIn } from '@gatehouse/mail';
import { cookieFetch, failureOf, TEST_PASSWORD, useTestServer } from './testing.ts';

const test = useTestServer();
const receivers: Server[] = [];
afterAll(() => Promise.all(receivers.map((server) => new Promise((closed) => server.close(closed)))));

/**
 * An app's back-channel endpoint: it verifies each logout token against the
 * issuer's published keys, as an app must (OpenID Connect Back-Channel Logout
 * 1.0 §2.6), and answers 503 while it is "down".
 */
async function startLogoutReceiver(clientId: () => string) {
  const port = await freePort();
  const keys = createRemoteJWKSet(new URL(`${test.server.publicUrl}/oidc/jwks`));
  const received: JWTPayload[] = [];
  const state = { down: true, attempts: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      state.attempts += 1;
      if (state.down) return void res.writeHead(503).end();
      const token = new URLSearchParams(body).get('logout_token') ?? '';
      jwtVerify(token, keys, { issuer: test.server.publicUrl, audience: clientId(), typ: 'logout+jwt' })
        .then(({ payload }) => {
          received.push(payload);
          res.writeHead(200).end();
        })
        .catch(() => res.writeHead(400).end());
    });
  });
  receivers.push(server);
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return { uri: `http://localhost:${port}/backchannel`, received, state };
}
const { people } = test;
const CALLBACK = 'http://localhost:4999/callback';

/** A browser for these tests: cookies kept, redirects looked at one by one. */
type Browser = ReturnType<typeof cookieFetch>;

async function browserSignIn(browser: Browser, email: string, workspace?: string): Promise<void> {
  const response = await browser(`${test.server.publicUrl}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD, ...(workspace ? { workspace } : {}) }),
  });
  if (!response.ok) throw new Error(`browser sign-in failed: ${response.status} ${await response.text()}`);
}

async function workspaceWithApp(options: { skipConsent?: boolean; allowedRoles?: ('admin' | 'employee' | 'extranet')[] } = {}) {
  const admin = await people.signedIn({ name: 'Ada Admin' });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: 'Acme', slug });
  const { app, secret } = await admin.client.apps.create.mutate({
    workspace: slug,
    kind: 'web',
    name: 'Acme Wiki',
    redirectUris: [CALLBACK],
    ...(options.skipConsent !== undefined ? { skipConsent: options.skipConsent } : {}),
    ...(options.allowedRoles ? { allowedRoles: options.allowedRoles } : {}),
  });
  const relyingParty = await oidc.discovery(new URL(test.server.publicUrl), app.id, { redirect_uris: [CALLBACK] }, oidc.ClientSecretBasic(secret!), { execute: [oidc.allowInsecureRequests] });
  return { admin, slug, app, secret: secret!, relyingParty };
}

async function addMember(admin: Awaited<ReturnType<typeof people.signedIn>>, slug: string, role: 'employee' | 'extranet' = 'employee') {
  const member = await people.signedIn({ name: 'Mia Member' });
  const [sent] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [member.email], role });
  const mail = await test.server.mailSink!.waitFor(member.email);
  await member.client.invitations.accept.mutate({ token: new URL(linkIn(mail, `${test.server.publicUrl}/invitation#`)).hash.slice(1) });
  return { ...member, memberId: sent!.memberId! };
}

/** The OAuth error code of a call that must fail, from the body or the WWW-Authenticate challenge (RFC 6750). */
async function oauthError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const failure = error as { error?: string; cause?: { parameters?: { error?: string } }[] };
    return failure.error ?? failure.cause?.[0]?.parameters?.error ?? String(error);
  }
  throw new Error('expected the call to fail');
}

interface Journey {
  /** Where the browser was sent back to the app (with the code), if it was. */
  callback: URL | null;
  /** The portal's error page the provider sent the browser to, if it did. */
  error?: URL;
  /** The interaction states the portal page was shown, in order. */
  states: { step: string; code?: string; reason?: string; claims?: string[] }[];
}

/**
 * A browser going from the app to Gatehouse and back, as the portal page
 * would: each interaction's state read, consent given when asked (or not).
 */
async function authorize(browser: Browser, url: URL, options: { consent?: boolean } = {}): Promise<Journey> {
  const journey: Journey = { callback: null, states: [] };
  let next: string | null = url.href;
  for (let hop = 0; next && hop < 10; hop += 1) {
    if (next.startsWith(CALLBACK)) return { ...journey, callback: new URL(next) };
    // The provider's own error page (an unknown app, a redirect address it cannot trust): the portal words it.
    if (next.startsWith('/app-error')) return { ...journey, error: new URL(next, test.server.publicUrl) };
    const interaction = /\/oidc\/interaction\/([^/?]+)$/.exec(new URL(next, test.server.publicUrl).pathname);
    if (interaction) {
      const base = `${test.server.publicUrl}/oidc/interaction/${interaction[1]}`;
      let state = (await (await browser(`${base}/state`)).json()) as Journey['states'][number] & { redirectTo?: string };
      journey.states.push(state);
      if (state.step === 'consent' && options.consent !== false) {
        state = (await (await browser(`${base}/allow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as typeof state;
        journey.states.push(state);
      }
      if (state.step !== 'redirect') return journey;
      next = state.redirectTo!;
      continue;
    }
    const response: Response = await browser(new URL(next, test.server.publicUrl), { redirect: 'manual' });
    next = response.headers.get('location');
    if (!next) throw new Error(`no redirect from ${new URL(next ?? url.href, test.server.publicUrl).pathname}: ${response.status} ${(await response.text()).replace(/\s+/g, " ").slice(0, 1500)}`);
  }
  return journey;
}

async function startSignIn(relyingParty: oidc.Configuration, scope = 'openid email profile workspace') {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(relyingParty, { redirect_uri: CALLBACK, scope, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
  return { url, verifier, state };
}

describe('signing in to a workspace’s app through Gatehouse', () => {
  it('signs a member in with their Gatehouse session, asks consent once, and gives the workspace’s claims', async () => {
    const { admin, slug, relyingParty } = await workspaceWithApp();
    const browser = cookieFetch();
    const first = await startSignIn(relyingParty);
    // Not signed in yet: the page asks for a sign-in at this workspace.
    const signedOut = await authorize(browser, first.url);
    expect(signedOut.states).toMatchObject([{ step: 'sign_in', reason: 'no_session' }]);

    await browserSignIn(browser, admin.email, slug);
    const journey = await authorize(browser, first.url);
    // Signed in already, the login step passes at once; the consent screen lists what the app asked for.
    expect(journey.states).toContainEqual(expect.objectContaining({ step: 'consent', claims: expect.arrayContaining(['email', 'name', 'workspace']) }));
    expect(journey.callback).not.toBeNull();
    const tokens = await oidc.authorizationCodeGrant(relyingParty, journey.callback!, { pkceCodeVerifier: first.verifier, expectedState: first.state });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: test.server.publicUrl, email: admin.email, email_verified: true, name: 'Ada Admin', workspace: { slug, role: 'admin', status: 'active' } });
    expect(claims.sub).not.toBe(admin.profile.id);
    expect(claims.amr).toEqual(['pwd']);
    const userinfo = await oidc.fetchUserInfo(relyingParty, tokens.access_token, claims.sub);
    expect(userinfo).toMatchObject({ email: admin.email, workspace: { slug, role: 'admin' } });

    // Consent is remembered: the next sign-in goes straight back to the app.
    const again = await startSignIn(relyingParty);
    const silent = await authorize(browser, again.url);
    expect(silent.states).toEqual([]);
    expect(silent.callback?.searchParams.get('code')).toBeTruthy();

    // The person sees the app among those they let in, and takes the access back: the tokens die, the next sign-in asks again.
    expect(await admin.client.profile.apps.query()).toMatchObject([{ name: 'Acme Wiki', workspace: { slug, name: 'Acme' } }]);
    const [granted] = await admin.client.profile.apps.query();
    await admin.client.profile.revokeApp.mutate({ appId: granted!.appId });
    expect(await oidc.tokenIntrospection(relyingParty, tokens.access_token)).toEqual({ active: false });
    expect(await admin.client.profile.apps.query()).toEqual([]);
    const asked = await authorize(browser, (await startSignIn(relyingParty)).url, { consent: false });
    expect(asked.states.map((state) => state.step)).toContain('consent');
    expect((await failureOf(admin.client.profile.revokeApp.mutate({ appId: granted!.appId }))).appCode).toBe('NOT_FOUND');
  });

  it('signs a member in to a second app of the workspace without a password, and a first-party app without consent', async () => {
    const { admin, slug, relyingParty } = await workspaceWithApp();
    const { app: second, secret } = await admin.client.apps.create.mutate({ workspace: slug, kind: 'web', name: 'Acme Tickets', redirectUris: [CALLBACK], skipConsent: true });
    const ticketsRp = await oidc.discovery(new URL(test.server.publicUrl), second.id, { redirect_uris: [CALLBACK] }, oidc.ClientSecretBasic(secret!), { execute: [oidc.allowInsecureRequests] });
    const browser = cookieFetch();
    await browserSignIn(browser, admin.email, slug);
    await authorize(browser, (await startSignIn(relyingParty)).url);

    const tickets = await startSignIn(ticketsRp);
    const journey = await authorize(browser, tickets.url);
    expect(journey.states.map((state) => state.step)).not.toContain('sign_in');
    expect(journey.states.map((state) => state.step)).not.toContain('consent');
    const tokens = await oidc.authorizationCodeGrant(ticketsRp, journey.callback!, { pkceCodeVerifier: tickets.verifier, expectedState: tickets.state });
    // The same person in the same workspace: the same subject for both apps.
    const wiki = await authorize(browser, (await startSignIn(relyingParty)).url);
    expect(wiki.callback).not.toBeNull();
    expect(tokens.claims()!.sub).toBeTruthy();
  });

  it('refuses a profile of another workspace with NO_ACCESS, and a role the app does not admit with APP_NOT_ALLOWED', async () => {
    const { admin, slug, relyingParty } = await workspaceWithApp({ allowedRoles: ['admin', 'employee'] });
    const outsider = await people.signedIn({ name: 'Olga Outsider' });
    await outsider.client.workspace.create.mutate({ name: 'Other', slug: uniqueSlug() });
    const browser = cookieFetch();
    await browserSignIn(browser, outsider.email);
    const refused = await authorize(browser, (await startSignIn(relyingParty)).url);
    expect(refused.states).toMatchObject([{ step: 'refused', code: 'NO_ACCESS' }]);
    expect(refused.callback).toBeNull();

    const guest = await addMember(admin, slug, 'extranet');
    const guestBrowser = cookieFetch();
    await browserSignIn(guestBrowser, guest.email, slug);
    expect((await authorize(guestBrowser, (await startSignIn(relyingParty)).url)).states).toMatchObject([{ step: 'refused', code: 'APP_NOT_ALLOWED' }]);
  });

  it('applies the workspace’s security policy at the app’s door: its ways in, its required second step after the grace period, its session cap', async () => {
    const { admin, slug, relyingParty } = await workspaceWithApp({ skipConsent: true });
    const member = await addMember(admin, slug);
    // The admin has an authenticator app: the requirement below holds only the member.
    const { secret } = await admin.client.twoFactor.setup.mutate();
    await admin.client.twoFactor.enable.mutate({ code: totpCodeAt(decodeBase32IgnorePadding(secret), new Date()) });
    const browser = cookieFetch();
    await browserSignIn(browser, member.email);
    // A password session, while the workspace lets its members in with passkeys only.
    await admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, allowedWaysIn: { admins: null, members: ['passkey'] } });
    expect((await authorize(browser, (await startSignIn(relyingParty)).url)).states).toMatchObject([{ step: 'refused', code: 'SIGN_IN_METHOD_NOT_ALLOWED' }]);

    // Two-step verification required, no grace: the member must set it up before any app lets them in.
    await admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, allowedWaysIn: { admins: null, members: null }, twoFactorRequiredFor: 'everyone', twoFactorGraceDays: 0 });
    const refused = await authorize(browser, (await startSignIn(relyingParty)).url);
    expect(refused.states).toMatchObject([{ step: 'refused', code: 'TWO_FACTOR_REQUIRED_BY_POLICY' }]);
    expect(refused.callback).toBeNull();

    // Without the requirement, and with a one-hour cap: a session kept busy is admitted within the hour, asked to sign in again after it.
    await admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, twoFactorRequiredFor: 'nobody', sessionMaxHours: 1 });
    const start = Date.now();
    try {
      for (const minutes of [0, 20, 40]) {
        vi.useFakeTimers({ toFake: ['Date'], now: start + minutes * 60_000 });
        expect((await authorize(browser, (await startSignIn(relyingParty)).url)).callback).not.toBeNull();
      }
      vi.useFakeTimers({ toFake: ['Date'], now: start + 61 * 60_000 });
      expect((await authorize(browser, (await startSignIn(relyingParty)).url)).states[0]).toMatchObject({ step: 'sign_in', reason: 'session_ended' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends a dismissed member’s access at once: refused at the door, and the refresh token stops working', async () => {
    const { admin, slug, relyingParty } = await workspaceWithApp({ skipConsent: true });
    const member = await addMember(admin, slug);
    const browser = cookieFetch();
    await browserSignIn(browser, member.email, slug);
    const start = await startSignIn(relyingParty);
    const journey = await authorize(browser, start.url);
    expect(journey.error?.search ?? '').toBe('');
    const tokens = await oidc.authorizationCodeGrant(relyingParty, journey.callback!, { pkceCodeVerifier: start.verifier, expectedState: start.state });
    expect(tokens.refresh_token).toBeTruthy();

    await admin.client.members.dismiss.mutate({ workspace: slug, memberId: member.memberId });
    // The grant is revoked with the sessions: the app's tokens are inactive, not merely refused at the next call.
    expect(await oidc.tokenIntrospection(relyingParty, tokens.access_token)).toEqual({ active: false });
    await expect(oidc.refreshTokenGrant(relyingParty, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.fetchUserInfo(relyingParty, tokens.access_token, oidc.skipSubjectCheck)).rejects.toThrow();
    const secondBrowser = cookieFetch();
    await browserSignIn(secondBrowser, member.email);
    expect((await authorize(secondBrowser, (await startSignIn(relyingParty)).url)).states).toMatchObject([{ step: 'refused', code: 'MEMBER_DISMISSED' }]);
  });

  it('“sign out everywhere” signs the person out of the apps too, and leaves other people’s grants alone', async () => {
    const { admin, slug, relyingParty } = await workspaceWithApp({ skipConsent: true });
    const member = await addMember(admin, slug);
    const grantOf = async (email: string) => {
      const browser = cookieFetch();
      await browserSignIn(browser, email, slug);
      const start = await startSignIn(relyingParty);
      const journey = await authorize(browser, start.url);
      return oidc.authorizationCodeGrant(relyingParty, journey.callback!, { pkceCodeVerifier: start.verifier, expectedState: start.state });
    };
    const mine = await grantOf(member.email);
    const theirs = await grantOf(admin.email);
    await member.client.sessions.revokeOthers.mutate();
    expect(await oidc.tokenIntrospection(relyingParty, mine.access_token)).toEqual({ active: false });
    expect(await oauthError(oidc.refreshTokenGrant(relyingParty, mine.refresh_token!))).toBe('invalid_grant');
    expect(await oidc.tokenIntrospection(relyingParty, theirs.access_token)).toMatchObject({ active: true });
  });

  it('answers protocol mistakes with the RFCs’ errors: PKCE, redirect address, replayed code, wrong secret, refresh reuse', async () => {
    const { admin, slug, app, relyingParty } = await workspaceWithApp({ skipConsent: true });
    const browser = cookieFetch();
    await browserSignIn(browser, admin.email, slug);

    // No PKCE: the app hears invalid_request at its redirect address.
    const noPkce = oidc.buildAuthorizationUrl(relyingParty, { redirect_uri: CALLBACK, scope: 'openid', state: 's' });
    const refusedPkce = await authorize(browser, noPkce);
    expect(refusedPkce.callback?.searchParams.get('error')).toBe('invalid_request');

    // A redirect address one character off is never redirected to.
    const start = await startSignIn(relyingParty);
    const off = new URL(start.url);
    off.searchParams.set('redirect_uri', `${CALLBACK}x`);
    const offResponse = await browser(off, { redirect: 'manual' });
    expect(offResponse.headers.get('location')).toMatch(/^\/app-error\?error=invalid_redirect_uri/);

    // The wrong verifier, then a replayed code.
    const journey = await authorize(browser, start.url);
    await expect(oidc.authorizationCodeGrant(relyingParty, journey.callback!, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: start.state })).rejects.toMatchObject({ error: 'invalid_grant' });
    const fresh = await startSignIn(relyingParty);
    const good = await authorize(browser, fresh.url);
    const tokens = await oidc.authorizationCodeGrant(relyingParty, good.callback!, { pkceCodeVerifier: fresh.verifier, expectedState: fresh.state });
    await expect(oidc.authorizationCodeGrant(relyingParty, good.callback!, { pkceCodeVerifier: fresh.verifier, expectedState: fresh.state })).rejects.toMatchObject({ error: 'invalid_grant' });
    // A replayed code may have been stolen: what it gave the first time is revoked too (RFC 6749 §4.1.2).
    expect(await oauthError(oidc.refreshTokenGrant(relyingParty, tokens.refresh_token!))).toBe('invalid_grant');

    // Refresh rotates; using the old refresh token again revokes the whole grant.
    const third = await startSignIn(relyingParty);
    const kept = await oidc.authorizationCodeGrant(relyingParty, (await authorize(browser, third.url)).callback!, { pkceCodeVerifier: third.verifier, expectedState: third.state });
    const rotated = await oidc.refreshTokenGrant(relyingParty, kept.refresh_token!);
    expect(rotated.refresh_token).not.toBe(kept.refresh_token);
    await expect(oidc.refreshTokenGrant(relyingParty, kept.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.refreshTokenGrant(relyingParty, rotated.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });

    // A wrong secret is invalid_client.
    const impostor = await oidc.discovery(new URL(test.server.publicUrl), app.id, { redirect_uris: [CALLBACK] }, oidc.ClientSecretBasic('ghs_not-the-secret'), { execute: [oidc.allowInsecureRequests] });
    expect(await oauthError(oidc.tokenIntrospection(impostor, 'not a token'))).toBe('invalid_client');
  });
});

describe('back-channel logout', () => {
  it('tells the app when a member is dismissed, through an outbox that retries while the app is down', async () => {
    let clientId = '';
    const receiver = await startLogoutReceiver(() => clientId);
    const { admin, slug, app, relyingParty } = await workspaceWithApp({ skipConsent: true });
    clientId = app.id;
    await admin.client.apps.update.mutate({ workspace: slug, appId: app.id, backchannelLogoutUri: receiver.uri });
    const member = await addMember(admin, slug);
    const browser = cookieFetch();
    await browserSignIn(browser, member.email, slug);
    const start = await startSignIn(relyingParty);
    const tokens = await oidc.authorizationCodeGrant(relyingParty, (await authorize(browser, start.url)).callback!, { pkceCodeVerifier: start.verifier, expectedState: start.state });

    await admin.client.members.dismiss.mutate({ workspace: slug, memberId: member.memberId });
    // The app is down: the api process tries at once, then keeps the logout for later.
    await expect.poll(() => receiver.state.attempts, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(receiver.received).toEqual([]);
    receiver.state.down = false;
    const later = new Date(Date.now() + 3_600_000);
    expect(await deliverAppLogouts({ orm: test.db.orm, config: test.server.serviceConfig, allowPrivate: true, now: later })).toMatchObject({ delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({ sub: tokens.claims()!.sub, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });
    // Delivered once: nothing left to send.
    expect(await deliverAppLogouts({ orm: test.db.orm, config: test.server.serviceConfig, allowPrivate: true, now: new Date(later.getTime() + 3_600_000) })).toEqual({ delivered: 0, retried: 0, failed: 0 });
  });

  it('signs the person out when the app asks (RP-initiated logout): out of Gatehouse in that browser, the app told, its grant revoked', async () => {
    let clientId = '';
    const receiver = await startLogoutReceiver(() => clientId);
    receiver.state.down = false;
    const { admin, slug, app, relyingParty } = await workspaceWithApp({ skipConsent: true });
    clientId = app.id;
    const signedOut = 'http://localhost:4999/signed-out';
    await admin.client.apps.update.mutate({ workspace: slug, appId: app.id, backchannelLogoutUri: receiver.uri, postLogoutRedirectUris: [signedOut] });
    const browser = cookieFetch();
    await browserSignIn(browser, admin.email, slug);
    const start = await startSignIn(relyingParty);
    const tokens = await oidc.authorizationCodeGrant(relyingParty, (await authorize(browser, start.url)).callback!, { pkceCodeVerifier: start.verifier, expectedState: start.state });

    const end = oidc.buildEndSessionUrl(relyingParty, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: signedOut, state: 'bye' });
    const question = (await browser(end, { redirect: 'manual' })).headers.get('location')!;
    // The portal's page asks; it posts the provider's form back with its one-time secret.
    expect(question).toMatch(/^\/app-sign-out\?/);
    const xsrf = new URL(question, test.server.publicUrl).searchParams.get('xsrf')!;
    const confirmed = await browser(`${test.server.publicUrl}/oidc/session/end/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
      redirect: 'manual',
    });
    expect(confirmed.headers.get('location')).toBe(`${signedOut}?state=bye`);
    expect(JSON.stringify(await (await browser(`${test.server.publicUrl}/trpc/auth.session`)).json())).not.toContain(admin.email);
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    expect(receiver.received[0]).toMatchObject({ sub: tokens.claims()!.sub });
    expect(await oauthError(oidc.refreshTokenGrant(relyingParty, tokens.refresh_token!))).toBe('invalid_grant');
  });

  it('never calls a private address unless allowed, checking what the name resolves to', async () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '192.168.0.1', '::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '100.64.0.1']) expect(isPrivateAddress(address)).toBe(true);
    for (const address of ['93.184.216.34', '2606:4700::1111']) expect(isPrivateAddress(address)).toBe(false);
    const receiver = await startLogoutReceiver(() => 'nobody');
    receiver.state.down = false;
    expect(await postForm(receiver.uri, { logout_token: 'x' }, { timeoutMs: 2000, allowPrivate: false })).toMatchObject({ ok: false, reason: expect.stringContaining('private') });
    expect(await postForm(receiver.uri.replace('localhost', '127.0.0.1'), { logout_token: 'x' }, { timeoutMs: 2000, allowPrivate: false })).toMatchObject({ ok: false, reason: expect.stringContaining('private') });
    expect(receiver.state.attempts).toBe(0);
  });
});

describe('apps.*: the workspace’s apps in the console', () => {
  it('shows the secret once, keeps the replaced one working through its overlap, refuses bad addresses, and audits each change', async () => {
    const { admin, slug, app, secret } = await workspaceWithApp();
    const [listed] = await admin.client.apps.list.query({ workspace: slug });
    expect(listed).toMatchObject({ id: app.id, name: 'Acme Wiki', hasSecret: true });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const rotated = await admin.client.apps.rotateSecret.mutate({ workspace: slug, appId: app.id, overlapHours: 1 });
    expect(rotated.secret).not.toBe(secret);
    for (const key of [secret, rotated.secret]) {
      const machine = await oidc.discovery(new URL(test.server.publicUrl), app.id, { redirect_uris: [CALLBACK] }, oidc.ClientSecretBasic(key), { execute: [oidc.allowInsecureRequests] });
      // Introspection needs the app to authenticate: an accepted secret hears about the token, a refused one is invalid_client.
      expect(await oidc.tokenIntrospection(machine, 'not a token')).toEqual({ active: false });
    }

    const bad = await failureOf(admin.client.apps.update.mutate({ workspace: slug, appId: app.id, redirectUris: ['http://wiki.example.com/cb', 'not an address'] }));
    expect(bad.appCode).toBe('INVALID_INPUT');
    expect(Object.keys(bad.fields).sort()).toEqual(['redirectUris.0', 'redirectUris.1']);
    expect((await admin.client.apps.list.query({ workspace: slug }))[0]!.redirectUris).toEqual([CALLBACK]);

    await admin.client.apps.update.mutate({ workspace: slug, appId: app.id, name: 'Acme Knowledge', disabled: true });
    const outsider = await people.signedIn();
    await outsider.client.workspace.create.mutate({ name: 'Else', slug: uniqueSlug() });
    expect((await failureOf(outsider.client.apps.list.query({ workspace: slug }))).appCode).toBe('NOT_FOUND');
    await admin.client.apps.delete.mutate({ workspace: slug, appId: app.id });
    expect(await admin.client.apps.list.query({ workspace: slug })).toEqual([]);

    const trail = await admin.client.audit.list.query({ workspace: slug, action: 'app' });
    expect(trail.items.map((event) => event.action)).toEqual(['app.deleted', 'app.updated', 'app.secret_rotated', 'app.registered']);
    expect(trail.items[1]!.details).toMatchObject({ name: { from: 'Acme Wiki', to: 'Acme Knowledge' }, disabled: { from: false, to: true } });
  });

  it('answers invalid_client for a disabled app', async () => {
    const { admin, slug, app, relyingParty } = await workspaceWithApp();
    await admin.client.apps.update.mutate({ workspace: slug, appId: app.id, disabled: true });
    expect(await oauthError(oidc.tokenIntrospection(relyingParty, 'not a token'))).toBe('invalid_client');
  });
});
