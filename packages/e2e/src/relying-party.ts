import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';
import { freePort } from '@gatehouse/embedded-postgres';

/**
 * A small app of a workspace that signs people in through Gatehouse with a
 * real client library (openid-client): /login sends the browser to the
 * issuer with PKCE, /callback exchanges the code and shows who signed in.
 */
export interface RelyingParty {
  url: string;
  callback: string;
  /** Connects it to its registration (known only once the admin registered it). */
  register(clientId: string, secret: string): Promise<void>;
  close(): Promise<void>;
}

export async function startRelyingParty(issuer: string): Promise<RelyingParty> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const callback = `${url}/callback`;
  let config: oidc.Configuration | null = null;
  const pending = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const here = new URL(req.url ?? '/', url);
      if (!config) return void res.writeHead(503).end('not registered');
      if (here.pathname === '/login') {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        pending.set(state, verifier);
        const target = oidc.buildAuthorizationUrl(config, { redirect_uri: callback, scope: 'openid email profile workspace', state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
        return void res.writeHead(302, { location: target.href }).end();
      }
      if (here.pathname === '/callback') {
        const state = here.searchParams.get('state') ?? '';
        if (here.searchParams.get('error')) return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<p data-testid="rp-error">${here.searchParams.get('error')}</p>`);
        const tokens = await oidc.authorizationCodeGrant(config, here, { pkceCodeVerifier: pending.get(state)!, expectedState: state });
        const claims = tokens.claims()!;
        return void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<h1>Acme Wiki</h1><p data-testid="rp-user">${String(claims.name)} · ${String(claims.email)}</p><pre data-testid="rp-claims">${JSON.stringify(claims)}</pre>`);
      }
      res.writeHead(404).end();
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return {
    url,
    callback,
    async register(clientId, secret) {
      config = await oidc.discovery(new URL(issuer), clientId, { redirect_uris: [callback] }, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
    },
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}
