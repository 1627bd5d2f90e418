import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appCodeOf, createClient } from '@gatehouse/client';
import { freePort } from '@gatehouse/embedded-postgres';
import { useTestDatabase } from '@gatehouse/db/testing';
import { startTestServer, testPeople, TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { launchBrowser } from './browser.ts';
import { authenticatorOn, pageWithoutAutofill } from './virtual-authenticator.ts';

const db = useTestDatabase();
type Server = Awaited<ReturnType<typeof startTestServer>>;
let first: Server;
let second: Server;
let browser: Browser;

// Two api processes of one deployment (one database, one PUBLIC_URL): the
// browser talks to the first, but every answer to a ceremony goes to the second.
beforeAll(async () => {
  const port = await freePort();
  const shared = { PUBLIC_URL: `http://localhost:${port}`, APP_SECRET: Buffer.from('one deployment, one server key, shared by both api processes').toString('base64') };
  first = await startTestServer({ databaseUrl: db.url, port, env: shared });
  second = await startTestServer({ databaseUrl: db.url, env: shared });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await second?.close();
  await first?.close();
});

const ANSWERS = /\/trpc\/[^?]*(passkeys\.register|auth\.signInWithPasskey)/;

/** Sends the page's ceremony answers to the second process; returns the bodies it sent there. */
async function answersToSecond(page: Page): Promise<string[]> {
  const sent: string[] = [];
  await page.route(
    (url) => ANSWERS.test(url.pathname),
    async (route) => {
      const url = new URL(route.request().url());
      sent.push(route.request().postData() ?? '');
      // The page's own request (cookies, Origin, body) sent to the other process; its answer (and cookie) back to the page.
      await route.fulfill({ response: await route.fetch({ url: `${second.url}${url.pathname}${url.search}` }) });
    },
  );
  return sent;
}

describe('passkey ceremonies across api processes', () => {
  it('are started on one process and finished on the other, and an answer used once is refused by both', async () => {
    const people = testPeople({ server: () => first, orm: () => db.orm });
    const person = await people.signedIn({ name: 'Cleo Cluster' });
    const page = await pageWithoutAutofill(browser);
    await authenticatorOn(page);
    const sent = await answersToSecond(page);

    await page.goto(`${first.publicUrl}/signin`);
    await page.locator('#email').fill(person.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(`${first.publicUrl}/security`);
    await page.locator('#passkey-name').fill('Cluster laptop');
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-notice').filter({ hasText: 'is ready' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    await page.getByTestId('passkey-sign-in').click();
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Cleo Cluster');
    expect(sent).toHaveLength(2);

    // The sign-in's answer, sent again to either process: its ceremony is gone.
    const signInBody = JSON.parse(sent[1]!) as Record<string, { ceremonyId: string; response: unknown }>;
    const answer = Object.values(signInBody)[0]!;
    for (const server of [first, second]) {
      const replay = createClient({ url: server.url }).auth.signInWithPasskey.mutate({ ceremonyId: answer.ceremonyId, response: answer.response as never });
      expect(appCodeOf(await replay.catch((error: unknown) => error))).toBe('PASSKEY_INVALID');
    }
  });
});
