import * as oidc from 'openid-client';
import type { SsoConnection } from '@gatehouse/db';
import { guardedFetch } from '../shared/outbound.ts';

/*
 * The OpenID Connect side of a connection, by openid-client: discovery of
 * the company's issuer, the authorization code flow with PKCE, state and
 * nonce, and the ID token's checks (issuer, audience, signature, expiry).
 * Every request goes through the outbound guard: an issuer an admin typed
 * never reaches an address inside the network.
 */

/** What must survive the round trip to the directory. */
export interface OidcAttempt {
  state: string;
  verifier: string;
  nonce: string;
}

export interface OidcDirectorySettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowPrivate: boolean;
}

const TIMEOUT_MS = 10_000;
const DISCOVERY_TTL_MS = 10 * 60_000;
const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();

/** The issuer's configuration, discovered once per connection version and kept ten minutes; a failure is not kept. */
function configurationOf(connection: Pick<SsoConnection, 'id' | 'updatedAt'>, settings: OidcDirectorySettings): Promise<oidc.Configuration> {
  const key = `${connection.id}:${connection.updatedAt.getTime()}`;
  const held = discovered.get(key);
  if (held && Date.now() - held.at < DISCOVERY_TTL_MS) return held.configuration;
  const issuer = new URL(settings.issuer);
  const configuration = oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
    [oidc.customFetch]: guardedFetch({ timeoutMs: TIMEOUT_MS, allowPrivate: settings.allowPrivate }) as never,
    timeout: TIMEOUT_MS / 1000,
    // Plain http only where private addresses are allowed: a developer's own issuer on this machine.
    ...(issuer.protocol === 'http:' && settings.allowPrivate ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  configuration.catch(() => discovered.delete(key));
  for (const [other] of discovered) if (other.startsWith(`${connection.id}:`) && other !== key) discovered.delete(other);
  discovered.set(key, { at: Date.now(), configuration });
  return configuration;
}

export async function startOidcSignIn(connection: Pick<SsoConnection, 'id' | 'updatedAt'>, settings: OidcDirectorySettings, redirectUri: string, loginHint: string | null): Promise<{ url: string; attempt: OidcAttempt }> {
  const configuration = await configurationOf(connection, settings);
  const attempt: OidcAttempt = { state: oidc.randomState(), verifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce() };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier),
    code_challenge_method: 'S256',
    state: attempt.state,
    nonce: attempt.nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url: url.toString(), attempt };
}

/**
 * The code exchanged and the ID token checked; the person's claims, from the
 * ID token and (for issuers that keep email and groups there) UserInfo about
 * the same subject.
 */
export async function finishOidcSignIn(connection: Pick<SsoConnection, 'id' | 'updatedAt'>, settings: OidcDirectorySettings, callbackUrl: URL, attempt: OidcAttempt): Promise<Record<string, unknown> & { sub: string }> {
  const configuration = await configurationOf(connection, settings);
  const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, { pkceCodeVerifier: attempt.verifier, expectedState: attempt.state, expectedNonce: attempt.nonce, idTokenExpected: true });
  const idToken = tokens.claims();
  if (!idToken?.sub) throw new Error('the ID token names no subject');
  const userInfo = configuration.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub).catch(() => undefined) : undefined;
  return { ...userInfo, ...idToken, sub: idToken.sub };
}

/** Only discovery: whether the issuer answers as an OpenID Connect provider ("test connection"). */
export async function discoverOidcIssuer(connection: Pick<SsoConnection, 'id' | 'updatedAt'>, settings: OidcDirectorySettings): Promise<{ issuer: string; authorizationEndpoint: string | undefined }> {
  const metadata = (await configurationOf(connection, settings)).serverMetadata();
  return { issuer: metadata.issuer, authorizationEndpoint: metadata.authorization_endpoint };
}
