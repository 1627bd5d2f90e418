import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCodeAt } from '@gatehouse/auth';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { uniqueEmail } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();
const { people } = test;

const NEW_PASSWORD = 'a fresh passphrase nobody knows';

async function signInForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${test.server.publicUrl}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

function linkFrom(text: string, path: string): string {
  return text.match(new RegExp(`http\\S+${path}#\\S+`))![0];
}

describe('a person securing their own profile in the portal', () => {
  it('recovers a forgotten password through the mailed link and signs in with the new one', async () => {
    const person = await people.signedIn({ name: 'Forgetful Fred' });
    const page = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${test.server.publicUrl}/signin`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The sign-in page has an Email field too: fill the reset form only once it is the page shown.
    await page.waitForURL('**/forgot-password');
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByTestId('reset-sent').waitFor();

    const mail = await test.server.mailSink!.waitFor(person.email, (m) => m.subject === 'Choose a new password');
    await page.goto(linkFrom(mail.text, '/reset-password'));
    await page.getByLabel('New password').fill('passwordpassword');
    await page.getByLabel('Password again').fill('passwordpassword');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByTestId('form-error').waitFor();
    expect(await page.locator('#password-error').textContent()).toContain('among the most common or breached');
    await screenshot(page, '40-portal-reset-refuses-breached-password');

    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByLabel('Password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByTestId('reset-done').waitFor();
    await signInForm(page, person.email, NEW_PASSWORD);
    await page.getByTestId('signed-in-as').waitFor();
  });

  it('turns on two-step verification with the QR code, keeps the recovery codes, and is asked for a code at the next sign-in', async () => {
    const person = await people.signedIn({ name: 'Careful Carla' });
    const page = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await signInForm(page, person.email, TEST_PASSWORD);
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(`${test.server.publicUrl}/security`);
    await page.getByRole('button', { name: 'Set up two-step verification' }).click();
    await page.getByTestId('totp-qr').waitFor();
    await screenshot(page, '41-portal-two-factor-setup');
    const key = decodeBase32IgnorePadding((await page.getByTestId('totp-secret').textContent())!.trim());
    await page.getByLabel('Code from the app').fill(totpCodeAt(key, new Date()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await screenshot(page, '42-portal-recovery-codes');
    await page.getByRole('button', { name: 'I saved them' }).click();
    await page.getByTestId('two-factor-on').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInForm(page, person.email, TEST_PASSWORD);
    await page.getByTestId('two-factor-form').waitFor();
    await screenshot(page, '43-portal-two-factor-sign-in');
    await page.getByLabel('Code').fill(totpCodeAt(key, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('signed-in-as').waitFor();
  });

  it('changes the login email once confirmed from the new address', async () => {
    const person = await people.signedIn({ name: 'Moving Mia' });
    const page = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await signInForm(page, person.email, TEST_PASSWORD);
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(`${test.server.publicUrl}/security`);
    const newEmail = uniqueEmail('mia-new');
    await page.getByLabel('New login email').fill(newEmail);
    await page.locator('#email-password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Change login email' }).click();
    await page.getByTestId('security-notice').waitFor();

    const confirmation = await test.server.mailSink!.waitFor(newEmail);
    await page.goto(linkFrom(confirmation.text, '/confirm-email'));
    expect(await page.getByTestId('verify-outcome').textContent()).toBe(`Done: from now on you sign in with ${newEmail}.`);
  });
});
