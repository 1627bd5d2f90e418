import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { useTestDatabase } from '@gatehouse/db/testing';
import { ensureSigningKeys, oidcStoreOn, signingJwks } from '@gatehouse/services';

const db = useTestDatabase();
const appSecret = new TextEncoder().encode('the server key these two processes share');
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((done) => server.close(done)))));

/** One api process's provider: the shared issuer, the store and keys in PostgreSQL, nothing of its own in memory. */
async function providerProcess(): Promise<string> {
  await ensureSigningKeys({ em: db.orm.em.fork(), appSecret });
  const provider = new Provider('http://gatehouse.test', {
    adapter: oidcStoreOn(db.orm),
    jwks: { keys: await signingJwks({ em: db.orm.em.fork(), appSecret }) },
    clients: [{ client_id: 'reporting', client_secret: 'a machine client secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] }],
    ttl: { ClientCredentials: 600 },
    features: {
      clientCredentials: { enabled: true },
      // A client learns about, and revokes, only the tokens issued to it.
      introspection: { enabled: true, allowedPolicy: (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) => token.clientId === client.clientId },
      revocation: { enabled: true, allowedPolicy: (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) => token.clientId === client.clientId },
      devInteractions: { enabled: false },
    },
  });
  const server = createServer(provider.callback());
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const basic = `Basic ${Buffer.from('reporting:a machine client secret').toString('base64')}`;
const form = (url: string, body: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });

describe('the OpenID Connect provider on the PostgreSQL store', () => {
  it('lets a token issued by one api process be introspected and revoked by another', async () => {
    const [first, second] = await Promise.all([providerProcess(), providerProcess()]);
    const issued = await form(`${first}/token`, { grant_type: 'client_credentials' });
    expect(issued.status).toBe(200);
    const { access_token: token } = (await issued.json()) as { access_token: string };

    expect(await (await form(`${second}/token/introspection`, { token })).json()).toMatchObject({ active: true, client_id: 'reporting' });
    expect((await form(`${second}/token/revocation`, { token })).status).toBe(200);
    expect(await (await form(`${first}/token/introspection`, { token })).json()).toEqual({ active: false });
    // A wrong client secret is a protocol error, not a crash.
    const wrong = await fetch(`${first}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('reporting:not it').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect([wrong.status, ((await wrong.json()) as { error: string }).error]).toEqual([401, 'invalid_client']);
  });
});
