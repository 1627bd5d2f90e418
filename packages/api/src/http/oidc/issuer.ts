// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the module ships no types; its declarations must reach every program that compiles this file (the typed client too)
/// <reference path="../../oidc-provider.d.ts" />
import { appDoorSessionOf } from '../../actor.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hkdfSync } from 'node:crypto';
import Provider, { interactionPolicy, type OidcClient, type OidcContext } from 'oidc-provider';
import { validateSessionToken } from '@gatehouse/auth';
import type { Orm } from '@gatehouse/db';
import {
  appClaims,
  appClientMetadata,
  appDoor,
  appRefusalOf,
  appSecretMatches,
  ensureSigningKeys,
  findAppMember,
  findAppRecord,
  oidcStoreOn,
  pairwiseSubject,
  signingJwks,
  type ServiceConfig,
  type SigningJwk,
} from '@gatehouse/services';
import { enqueueAppLogout } from '@gatehouse/db';
import type { MemberRole } from '@gatehouse/domain';
import { invalidateSession } from '@gatehouse/auth';
import type { SessionCookieSettings } from '../session-cookie.ts';

/** How long what the provider hands out lives, in seconds. */
export const OIDC_TTL = {
  AuthorizationCode: 60,
  AccessToken: 600,
  IdToken: 600,
  ClientCredentials: 600,
  RefreshToken: 14 * 24 * 3600,
  Interaction: 600,
  Session: 14 * 24 * 3600,
  Grant: 14 * 24 * 3600,
} as const;

/** A retired signing key stays in the JWKS this long: the longest life of a token it signed, with a margin. */
export const RETIRED_KEY_PUBLISHED_MS = 2 * OIDC_TTL.IdToken * 1000;

/** Where the provider answers: discovery at the issuer's root, everything else under /oidc. */
export const OIDC_ROUTES = {
  authorization: '/oidc/auth',
  token: '/oidc/token',
  userinfo: '/oidc/me',
  jwks: '/oidc/jwks',
  revocation: '/oidc/token/revocation',
  introspection: '/oidc/token/introspection',
  end_session: '/oidc/session/end',
} as const;
export const INTERACTION_PATH = '/oidc/interaction';

/** The workspace a client belongs to, from its registration. */
export function workspaceOfClient(client: OidcClient): string {
  return String(client.metadata().gatehouse_workspace_id);
}

export interface OidcIssuer {
  /** The provider serving now (a new one after the signing keys changed). */
  readonly provider: Provider;
  /**
   * Picks up signing keys another process rotated: true when the set changed.
   * Each api process asks every half minute; until then it signs with the
   * retired key, which stays published until its tokens have expired.
   */
  refreshKeys(): Promise<boolean>;
  /** Express-style: the provider's own paths go to it, every other request on. */
  handle(req: IncomingMessage & { path?: string }, res: ServerResponse, next: () => void): void;
}

/** The product's own cookie keys for the provider, derived from the server key. */
function cookieKeys(appSecret: Uint8Array): string[] {
  return [Buffer.from(hkdfSync('sha256', appSecret, new Uint8Array(), 'gatehouse oidc cookies', 32)).toString('base64url')];
}

const isProviderPath = (path: string) => path === '/.well-known/openid-configuration' || (path.startsWith('/oidc/') && !path.startsWith(`${INTERACTION_PATH}/`));

/**
 * The OpenID Connect issuer for every workspace's apps, on `oidc-provider`:
 * its store and keys in PostgreSQL (any api process serves any step), its
 * clients the workspaces' apps, its accounts the workspaces' members. Who
 * may pass is asked of the services at every step: authorization, token
 * exchange, refresh and userinfo.
 */
export async function createOidcIssuer(options: {
  orm: Orm;
  config: ServiceConfig;
  cookie: SessionCookieSettings;
  trustProxy: boolean;
  logger: { error(details: object, message: string): void };
}): Promise<OidcIssuer> {
  const { orm, config, cookie } = options;
  const issuer = config.publicUrl.origin;
  await ensureSigningKeys({ em: orm.em.fork(), appSecret: config.appSecret });

  const policy = interactionPolicy.base();
  // Every authorization asks the product's own session and the workspace's rules, not only the provider's memory of a login.
  policy.get('login').checks.add(
    new interactionPolicy.Check('gatehouse_session', 'the person must be signed in to Gatehouse and admitted to this app', async (ctx: OidcContext) => {
      const token = ctx.cookies.get(cookie.name, { signed: false });
      const client = ctx.oidc.client;
      if (!token || !client) return interactionPolicy.Check.REQUEST_PROMPT;
      const em = orm.em.fork();
      const auth = await validateSessionToken(em, decodeURIComponent(token));
      if (!auth || auth.profile.id !== ctx.oidc.session?.accountId) return interactionPolicy.Check.REQUEST_PROMPT;
      // The provider loaded the client already: its registration carries what the door asks of the app.
      const app = { workspaceId: workspaceOfClient(client), allowedRoles: client.metadata().gatehouse_allowed_roles as MemberRole[], disabled: false };
      const door = await appDoor(em, { app, session: appDoorSessionOf(auth) });
      return door.step === 'admitted' ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );

  /** One provider per published key set: rebuilt when the keys change, the rest of its state is in PostgreSQL anyway. */
  const build = (keys: SigningJwk[]) => {
    const provider = new Provider(issuer, {
      adapter: oidcStoreOn(orm, {
        clients: async (id) => {
          const app = await findAppRecord(orm.em.fork(), id);
          return app ? appClientMetadata(app, issuer) : undefined;
        },
      }),
      jwks: { keys },
      routes: OIDC_ROUTES,
      cookies: { keys: cookieKeys(config.appSecret), long: { signed: true, sameSite: 'lax' }, short: { signed: true, sameSite: 'lax' } },
      ttl: OIDC_TTL,
      scopes: ['openid', 'offline_access', 'email', 'profile', 'workspace'],
      // amr goes with openid: apps learn how the person signed in (pwd, otp, mfa, fed).
      claims: { acr: null, sid: null, auth_time: null, iss: null, openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name', 'locale'], workspace: ['workspace'] },
      subjectTypes: ['public', 'pairwise'],
      pairwiseIdentifier: (_ctx: unknown, accountId: string, client: OidcClient) => pairwiseSubject(config.appSecret, accountId, workspaceOfClient(client)),
      // The sector is the workspace (see appClientMetadata); nothing to fetch.
      sectorIdentifierUriValidate: () => false,
      extraClientMetadata: {
        properties: ['gatehouse_workspace_id', 'gatehouse_workspace_slug', 'gatehouse_allowed_roles', 'gatehouse_first_party', 'gatehouse_previous_secret_hash', 'gatehouse_previous_secret_expires_at'],
      },
      pkce: { required: () => true },
      // Apps of a company are trusted with refresh tokens without asking for offline_access; each use rotates it.
      issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
      rotateRefreshToken: () => true,
      // Scope claims go in the ID token too, as most apps expect to read them there.
      conformIdTokenClaims: false,
      enabledJWA: { idTokenSigningAlgValues: ['ES256', 'RS256'], userinfoSigningAlgValues: ['ES256', 'RS256'] },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        // A client learns about, and revokes, only the tokens issued to it.
        introspection: { enabled: true, allowedPolicy: (_ctx: unknown, client: OidcClient, token: { clientId?: string }) => token.clientId === client.clientId },
        revocation: { enabled: true, allowedPolicy: (_ctx: unknown, client: OidcClient, token: { clientId?: string }) => token.clientId === client.clientId },
        rpInitiatedLogout: {
        enabled: true,
        // The question "sign out?" is the portal's page; it posts the provider's own form back.
        logoutSource: (ctx: OidcContext) => {
          const session = ctx.oidc.session as { state?: { secret?: string; clientId?: string } } | undefined;
          const query = new URLSearchParams({ xsrf: session?.state?.secret ?? '', ...(session?.state?.clientId ? { app: session.state.clientId } : {}) });
          ctx.redirect(`/app-sign-out?${query}`);
        },
        postLogoutSuccessSource: (ctx: OidcContext) => ctx.redirect('/signin?signedOut=1'),
      },
        backchannelLogout: { enabled: true },
      },
      interactions: { policy, url: (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}/${interaction.uid}` },
      // A first-party app is consented to by the workspace: its grant is made without asking the person.
      loadExistingGrant: async (ctx: OidcContext) => {
        const client = ctx.oidc.client!;
        const provider = ctx.oidc.provider;
        const grantId = ctx.oidc.result?.consent?.grantId ?? (ctx.oidc.session as { grantIdFor?(id: string): string | undefined } | undefined)?.grantIdFor?.(client.clientId);
        if (grantId) {
          const existing = await provider.Grant.find(grantId);
          if (existing) return existing;
        }
        const accountId = ctx.oidc.session?.accountId;
        if (!accountId || client.metadata().gatehouse_first_party !== true) return undefined;
        const grant = new provider.Grant({ accountId, clientId: client.clientId });
        grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
        if (ctx.oidc.requestParamClaims.size) grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
        await grant.save();
        return grant;
      },
      findAccount: async (ctx: OidcContext, sub: string) => {
        const client = ctx.oidc.client;
        if (!client) return undefined;
        const app = client.metadata();
        const member = await findAppMember(orm.em.fork(), { profileId: sub, workspaceId: workspaceOfClient(client) });
        // Dismissed, no longer a member, a role the app stopped admitting: no account, so no token. (A switched-off app is no client at all.)
        if (!member || appRefusalOf({ allowedRoles: app.gatehouse_allowed_roles as MemberRole[], disabled: false }, member)) return undefined;
        return { accountId: sub, claims: () => appClaims(member, { slug: String(app.gatehouse_workspace_slug) }) };
      },
      renderError: (ctx: OidcContext, out: { error: string; error_description?: string }) => {
        const query = new URLSearchParams({ error: out.error, ...(out.error_description ? { description: out.error_description.slice(0, 300) } : {}) });
        ctx.redirect(`/app-error?${query}`);
      },
    });
    provider.proxy = options.trustProxy;
    // What the provider answers as server_error is a fault of ours: logged, never shown.
    provider.on('server_error', ((_ctx: unknown, error: Error) => options.logger.error({ err: error }, 'OpenID Connect provider failed')) as never);
    // Signing out through the issuer signs the browser out of Gatehouse too: it is the one sign-in behind every app.
    provider.on('end_session.success', ((ctx: OidcContext) => {
      const token = ctx.cookies.get(cookie.name, { signed: false });
      const id = token ? decodeURIComponent(token).split('.')[0] : undefined;
      if (id) void invalidateSession(orm.em.fork(), id).catch((error: unknown) => options.logger.error({ err: error }, 'Gatehouse session not ended at sign-out'));
      ctx.cookies.set(cookie.name, null, { path: '/', secure: cookie.secure, sameSite: 'lax', httpOnly: true, signed: false });
    }) as never);
    // Back-channel logouts go through the product's outbox (retried, never to a private address), not straight from the provider.
    provider.Client.prototype.backchannelLogout = async function backchannelLogout(this: OidcClient & { backchannelLogoutUri?: string }, accountId: string) {
      if (!this.backchannelLogoutUri) return;
      await enqueueAppLogout(orm.em.fork(), { clientId: this.clientId, accountId, workspaceId: workspaceOfClient(this), uri: this.backchannelLogoutUri });
    };
    // Secrets are stored as SHA-256 hashes, and a replaced one works through its overlap.
    provider.Client.prototype.compareClientSecret = function compareClientSecret(this: OidcClient, actual: string) {
      const app = this.metadata();
      const until = typeof app.gatehouse_previous_secret_expires_at === 'string' ? new Date(app.gatehouse_previous_secret_expires_at) : null;
      const previous = typeof app.gatehouse_previous_secret_hash === 'string' ? app.gatehouse_previous_secret_hash : null;
      return appSecretMatches({ secretHash: typeof app.client_secret === 'string' ? app.client_secret : null, previousSecretHash: previous, previousSecretExpiresAt: until }, actual);
    };

    return { provider, callback: provider.callback(), kids: keys.map((key) => key.kid).join(',') };
  };
  let current = build(await signingJwks({ em: orm.em.fork(), appSecret: config.appSecret }));

  return {
    get provider() {
      return current.provider;
    },
    handle(req, res, next) {
      const path = (req.url ?? '/').split('?')[0]!;
      if (isProviderPath(path)) current.callback(req, res);
      else next();
    },
    async refreshKeys() {
      const keys = await signingJwks({ em: orm.em.fork(), appSecret: config.appSecret });
      if (keys.map((key) => key.kid).join(',') === current.kids) return false;
      current = build(keys);
      return true;
    },
  };
}
