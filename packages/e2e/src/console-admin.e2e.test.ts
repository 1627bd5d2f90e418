import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();
const { people } = test;

async function adminInConsole(): Promise<{ page: Page; slug: string }> {
  const admin = await people.signedIn({ name: 'Olivia Owner' });
  const slug = uniqueSlug('shop');
  await admin.client.workspace.create.mutate({ name: 'Corner Shop', slug });
  const page = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
  await page.goto(`${test.server.publicUrl}/console/signin?workspace=${slug}`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('directory').waitFor();
  return { page, slug };
}

describe('an admin in the console', () => {
  it('registers someone directly, finds the mail in the local inbox, dismisses and rehires them', async () => {
    const { page } = await adminInConsole();
    const email = uniqueEmail('direct');
    await page.getByTestId('open-invite').click();
    await page.getByRole('tab', { name: 'Register directly' }).click();
    await page.getByLabel('Name').fill('Dan Direct');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Position').fill('Cashier');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('Dan Direct is registered; the password is on its way by email.').waitFor();
    await page.getByRole('button', { name: 'Close' }).last().click();

    // The local inbox, as a person opens it from the console's header.
    await test.server.mailSink!.waitFor(email);
    const inbox = await page.context().newPage();
    await inbox.goto(`${test.server.publicUrl}/mail/`);
    await inbox.getByRole('link', { name: 'Your account at Corner Shop' }).first().click();
    await inbox.getByText(email, { exact: false }).first().waitFor();
    expect(await inbox.locator('pre').textContent()).toMatch(/[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}/);
    await screenshot(inbox, '20-local-inbox-registration-mail');
    await inbox.close();

    await page.getByTestId('directory').getByRole('link', { name: 'Dan Direct' }).click();
    await page.getByTestId('dismiss-member').click();
    await screenshot(page, '21-console-confirm-dismissal');
    await page.getByTestId('confirm').click();
    await page.getByText('Dismissed: their sessions here ended and their data is kept.').waitFor();
    expect(await page.getByTestId('member-status').textContent()).toBe('Dismissed');
    await page.getByTestId('rehire-member').click();
    await page.getByText('Rehired. They sign in again to get access.').waitFor();
    expect(await page.getByTestId('member-status').textContent()).toBe('Active');
  });

  it('hits the seat limit with a per-address answer', async () => {
    const { page } = await adminInConsole();
    const addresses = Array.from({ length: 12 }, (_, i) => uniqueEmail(`seat${i}`));
    await page.getByTestId('open-invite').click();
    await page.getByLabel('Email addresses').fill(addresses.join(', '));
    await page.getByRole('button', { name: 'Send invitations' }).click();
    const results = page.getByTestId('invite-results');
    await results.waitFor();
    expect(await results.locator('li.ok').count()).toBe(11);
    expect(await results.locator('li.failed').textContent()).toContain('no seat left on the plan');
    await screenshot(page, '22-console-seat-limit');
    await page.getByRole('button', { name: 'Close' }).first().click();
    await page.getByTestId('seats-full').waitFor();
    expect(await page.getByTestId('seats').textContent()).toBe('12 of 12 used');
  });

  it('switches the quick-join link on; a newcomer from an allowed domain joins once they confirm their address', async () => {
    const { page, slug } = await adminInConsole();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('join-enabled').check();
    await page.getByLabel('Allowed email domains').fill('shop.example');
    await page.getByTestId('save-join-link').click();
    await page.getByText('Settings saved.').waitFor();
    await screenshot(page, '23-console-settings-join-link');
    const url = await page.getByTestId('join-link-url').inputValue();

    const newcomer = `${uniqueEmail('clerk').split('@')[0]}@shop.example`;
    const joiner = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await joiner.goto(url);
    await joiner.getByLabel('Your name').fill('Nina Newcomer');
    await joiner.getByLabel('Email').fill(newcomer);
    await joiner.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await joiner.getByLabel('Password again').fill(TEST_PASSWORD);
    await joiner.getByRole('button', { name: 'Join' }).click();
    expect(await joiner.getByTestId('join-outcome').textContent()).toContain('confirm your email address');

    const mail = await test.server.mailSink!.waitFor(newcomer);
    const link = mail.text.match(/http\S+\/verify-email#\S+/)?.[0];
    await joiner.goto(link!);
    expect(await joiner.getByTestId('verify-outcome').textContent()).toBe(`Thank you: ${newcomer} is confirmed.`);

    await page.goto(`${test.server.publicUrl}/console/${slug}`);
    await page.getByTestId('tab-active').click();
    await page.getByTestId('directory').getByText('Nina Newcomer').waitFor();
  });
});
