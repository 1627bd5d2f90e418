import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Provider from 'oidc-provider';
import { startTestServer, testPeople, TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { uniqueSlug, useTestDatabase } from '@gatehouse/db/testing';
import { Profile, Workspace, WorkspaceDomain } from '@gatehouse/db';
import { freePort } from '@gatehouse/embedded-postgres';
import { launchBrowser, screenshot } from './browser.ts';

const db = useTestDatabase();
let server: Awaited<ReturnType<typeof startTestServer>>;
let issuer: Server;
let browser: Browser;
const people = testPeople({ server: () => server, orm: () => db.orm });

/** A real OpenID Connect provider on 127.0.0.1: its development login form accepts any login and password. */
beforeAll(async () => {
  const [appPort, issuerPort] = [await freePort(), await freePort()];
  const issuerUrl = `http://127.0.0.1:${issuerPort}`;
  const provider = new Provider(issuerUrl, {
    clients: [
      {
        client_id: 'gatehouse',
        client_secret: 'test-secret-for-the-local-issuer',
        redirect_uris: [`http://localhost:${appPort}/auth/social/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['local-issuer-cookie-key'] },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, email: `${sub}@social.example`, email_verified: true, name: `${sub[0]!.toUpperCase()}${sub.slice(1)} Social` }),
    }),
  });
  issuer = provider.listen(issuerPort, '127.0.0.1');
  server = await startTestServer({
    databaseUrl: db.url,
    port: appPort,
    env: { OIDC_ISSUER: issuerUrl, OIDC_CLIENT_ID: 'gatehouse', OIDC_CLIENT_SECRET: 'test-secret-for-the-local-issuer', OIDC_NAME: 'Test IdP', OIDC_ALLOW_INSECURE: 'true' },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => issuer?.close(resolve));
});

/** The provider's own pages: its login form, then its consent screen. */
async function passProvider(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

async function passwordPersonInBrowser(): Promise<{ page: Page; email: string }> {
  const person = await people.signedIn({ name: 'Pat Password' });
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(`${server.publicUrl}/signin`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'You have a profile but no workspace yet' }).waitFor();
  return { page, email: person.email };
}

describe('social sign-in against a real OpenID Connect provider', () => {
  it('makes its own profile for a social account that is not linked, and that profile cannot lose its only way in', async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${server.publicUrl}/signin`);
    await screenshot(page, '30-portal-sign-in-with-provider');
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await passProvider(page, 'alice');
    await page.getByRole('heading', { name: 'You have a profile but no workspace yet' }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Alice Social');

    await page.goto(`${server.publicUrl}/security`);
    await page.getByTestId('identities').getByText('Test IdP').waitFor();
    await page.getByTestId('identities').getByRole('button', { name: 'Unlink' }).click();
    await page.getByTestId('form-error').waitFor();
    expect(await page.getByTestId('form-error').textContent()).toBe('This is your only way to sign in: add a password or another sign-in method first.');
    await screenshot(page, '31-portal-last-sign-in-method');
  });

  it('links a social account to a password profile, and refuses one already linked to another profile', async () => {
    const { page } = await passwordPersonInBrowser();
    await page.goto(`${server.publicUrl}/security`);
    await page.getByRole('link', { name: 'Link Test IdP' }).click();
    await passProvider(page, 'bob');
    await page.getByTestId('identity-linked').waitFor();
    expect(await page.getByTestId('identities').textContent()).toContain('bob@social.example');
    expect(await page.getByTestId('security-events').textContent()).toContain('You linked your Test IdP account');
    await screenshot(page, '32-portal-identity-linked');

    // Bob's social account now signs in Pat's profile, not a new one.
    const again = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await again.goto(`${server.publicUrl}/signin`);
    await again.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await passProvider(again, 'bob');
    await again.getByTestId('signed-in-as').waitFor();
    expect(await again.getByTestId('signed-in-as').textContent()).toBe('Pat Password');

    // Alice's account belongs to Alice's own profile (first test): linking it here is refused.
    const other = await passwordPersonInBrowser();
    await other.page.goto(`${server.publicUrl}/security`);
    await other.page.getByRole('link', { name: 'Link Test IdP' }).click();
    await passProvider(other.page, 'alice');
    await other.page.getByTestId('form-error').waitFor();
    expect(await other.page.getByTestId('form-error').textContent()).toContain('already linked to another profile');
  });

  it('is refused for an address whose company requires its own single sign-on, and makes no profile', async () => {
    const admin = await people.signedIn({ name: 'Sol Social' });
    const slug = uniqueSlug('social-sso');
    await admin.client.workspace.create.mutate({ name: 'Social Directory Co', slug });
    await admin.client.sso.create.mutate({ workspace: slug, kind: 'oidc', name: 'Company directory', oidc: { issuer: 'https://directory.example', clientId: 'gatehouse', clientSecret: 'secret' } });
    // The company holds social.example (verified as the DNS check would leave it) and requires its directory there.
    const em = db.orm.em.fork();
    const workspace = await em.findOneOrFail(Workspace, { slug });
    em.create(WorkspaceDomain, { workspace, domain: 'social.example', token: 'x'.repeat(32), verifiedAt: new Date(), joinMode: 'sso' });
    await em.flush();
    try {
      const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
      await page.goto(`${server.publicUrl}/signin`);
      await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
      await passProvider(page, 'carol');
      await page.getByTestId('form-error').getByText('This address signs in through your company’s single sign-on.', { exact: false }).waitFor();
      expect(new URL(page.url()).searchParams.get('error')).toBe('SSO_REQUIRED');
      expect(await db.orm.em.fork().count(Profile, { email: 'carol@social.example' })).toBe(0);
      // Bob's account is linked to a password profile (earlier test), whose address is elsewhere: it still signs in.
      const bob = await (await browser.newContext({ locale: 'en-US' })).newPage();
      await bob.goto(`${server.publicUrl}/signin`);
      await bob.getByRole('link', { name: 'Sign in with Test IdP' }).click();
      await passProvider(bob, 'bob');
      await bob.getByTestId('signed-in-as').waitFor();
    } finally {
      await db.orm.em.fork().nativeDelete(WorkspaceDomain, { domain: 'social.example' });
    }
  });
});
