import * as oidc from 'openid-client';

/**
 * Social sign-in over OAuth 2.0 / OpenID Connect with openid-client:
 * discovery, PKCE (RFC 7636), state and nonce. GitHub speaks plain OAuth 2.0,
 * so its user comes from its API instead of an ID token.
 */
export interface SocialProviderConfig {
  id: string;
  /** Shown on the button. */
  name: string;
  kind: 'oidc' | 'github';
  /** OIDC issuer for discovery (Google, Microsoft, any generic issuer). */
  issuer?: string;
  clientId: string;
  clientSecret: string;
  /** Only for a local test issuer on plain http. */
  allowInsecureRequests?: boolean;
}

export interface SocialClaims {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** What must survive the round trip to the provider; kept sealed in a short-lived cookie. */
export interface SocialAttempt {
  provider: string;
  state: string;
  verifier: string;
  nonce: string;
}

const GITHUB = {
  issuer: 'https://github.com',
  authorization_endpoint: 'https://github.com/login/oauth/authorize',
  token_endpoint: 'https://github.com/login/oauth/access_token',
};

export class SocialProviders {
  readonly #configs: Map<string, SocialProviderConfig>;
  readonly #callbackBase: URL;
  readonly #discovered = new Map<string, Promise<oidc.Configuration>>();

  constructor(configs: SocialProviderConfig[], callbackBase: URL) {
    this.#configs = new Map(configs.map((config) => [config.id, config]));
    this.#callbackBase = callbackBase;
  }

  list(): { id: string; name: string }[] {
    return [...this.#configs.values()].map(({ id, name }) => ({ id, name }));
  }

  has(id: string): boolean {
    return this.#configs.has(id);
  }

  callbackUrl(id: string): string {
    return new URL(`/auth/social/${id}/callback`, this.#callbackBase).toString();
  }

  #configuration(id: string): Promise<oidc.Configuration> {
    const config = this.#configs.get(id);
    if (!config) throw new Error(`unknown social provider ${id}`);
    let found = this.#discovered.get(id);
    if (!found) {
      found =
        config.kind === 'github'
          ? Promise.resolve(new oidc.Configuration(GITHUB, config.clientId, config.clientSecret))
          : oidc.discovery(new URL(config.issuer!), config.clientId, config.clientSecret, undefined, config.allowInsecureRequests ? { execute: [oidc.allowInsecureRequests] } : undefined);
      // A failed discovery is retried next time rather than remembered.
      found.catch(() => this.#discovered.delete(id));
      this.#discovered.set(id, found);
    }
    return found;
  }

  async start(id: string): Promise<{ url: string; attempt: SocialAttempt }> {
    const config = this.#configs.get(id)!;
    const configuration = await this.#configuration(id);
    const attempt: SocialAttempt = { provider: id, state: oidc.randomState(), verifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.callbackUrl(id),
      scope: config.kind === 'github' ? 'read:user user:email' : 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      ...(config.kind === 'oidc' ? { nonce: attempt.nonce } : {}),
    });
    return { url: url.toString(), attempt };
  }

  /** Exchanges the code (checking state, PKCE and, for OIDC, the ID token's nonce) and returns who the provider says this is. */
  async finish(id: string, callback: URL, attempt: SocialAttempt): Promise<SocialClaims> {
    const config = this.#configs.get(id)!;
    const configuration = await this.#configuration(id);
    const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: attempt.verifier,
      expectedState: attempt.state,
      ...(config.kind === 'oidc' ? { expectedNonce: attempt.nonce, idTokenExpected: true } : {}),
    });
    if (config.kind === 'oidc') {
      const idToken = tokens.claims();
      if (!idToken?.sub) throw new Error('the provider sent no subject');
      // Many issuers keep email and name in UserInfo only (OIDC Core §5.3); it must speak of the same subject.
      const userInfo = configuration.serverMetadata().userinfo_endpoint
        ? await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
        : undefined;
      const claims = { ...userInfo, ...idToken };
      return {
        subject: idToken.sub,
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : null,
      };
    }
    const user = (await (await oidc.fetchProtectedResource(configuration, tokens.access_token, new URL('https://api.github.com/user'), 'GET')).json()) as {
      id: number;
      name: string | null;
      login: string;
    };
    const emails = (await (await oidc.fetchProtectedResource(configuration, tokens.access_token, new URL('https://api.github.com/user/emails'), 'GET')).json()) as {
      email: string;
      primary: boolean;
      verified: boolean;
    }[];
    const primary = emails.find((entry) => entry.primary) ?? null;
    return { subject: String(user.id), email: primary?.email ?? null, emailVerified: primary?.verified ?? false, name: user.name ?? user.login };
  }
}
