import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD, useTestServer } from '@gatehouse/api-server/testing';
import { Profile, Session } from '@gatehouse/db';
import { uniqueSlug } from '@gatehouse/db/testing';
import { linkIn } from '@gatehouse/mail';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Kept as test artifacts so a person can look at what the test saw. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * What every browser test file needs: the api test server (its own database,
 * the built SPAs) plus Debian's Chromium, started before the file's tests and
 * stopped after.
 */
export function useBrowserTest(options: Parameters<typeof useTestServer>[0] = {}) {
  const test = useTestServer(options);
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const helpers = {
    db: test.db,
    people: test.people,
    get server() {
      return test.server;
    },
    get browser() {
      if (!browser) throw new Error('useBrowserTest(): the browser is ready only inside tests');
      return browser;
    },
    /** A fresh browser in `locale` that opened `url` (a sign-in page) and signed in there with the test password. */
    async signedInPage(url: string, email: string, locale = 'en-US'): Promise<Page> {
      const page = await (await helpers.browser.newContext({ locale })).newPage();
      await page.goto(url);
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(TEST_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      return page;
    },
    /** A fresh browser signed in at the console of `slug` as `email`, its directory shown. */
    async consolePage(slug: string, email: string): Promise<Page> {
      const page = await (await helpers.browser.newContext({ locale: 'en-US' })).newPage();
      await page.goto(`${test.server.publicUrl}/console/signin?workspace=${slug}`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByTestId('directory').waitFor();
      return page;
    },
    /**
     * As if the person had signed in an hour ago on every device: a
     * sensitive action then asks them to confirm it is them.
     */
    async signInsGrowOld(email: string): Promise<void> {
      const em = test.db.orm.em.fork();
      const profile = await em.findOneOrFail(Profile, { email });
      await em.nativeUpdate(Session, { profile: profile.id }, { authenticatedAt: new Date(Date.now() - 3_600_000) });
    },
    /** A workspace with its creator and one member who accepted an invitation, made through the API. */
    async workspaceWithMember(names: { admin: string; workspace: string; member: string }) {
      const admin = await test.people.signedIn({ name: names.admin });
      const slug = uniqueSlug('ws');
      await admin.client.workspace.create.mutate({ name: names.workspace, slug });
      const member = await helpers.memberOf(admin, slug, names.member);
      return { admin, slug, member, memberId: member.memberId };
    },
    /** A new person invited to `slug` by `admin`, who accepted the mailed invitation. */
    async memberOf(admin: Awaited<ReturnType<typeof test.people.signedIn>>, slug: string, name: string) {
      const person = await test.people.signedIn({ name });
      const [invited] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [person.email] });
      const mail = await test.server.mailSink!.waitFor(person.email);
      await person.client.invitations.accept.mutate({ token: new URL(linkIn(mail, `${test.server.publicUrl}/invitation#`)).hash.slice(1) });
      return { ...person, memberId: invited!.memberId! };
    },
  };
  return helpers;
}
