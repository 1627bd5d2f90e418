import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { uniqueEmail } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();
const { people, signedInPage, workspaceWithMember } = test;

/** The error a form shows under one field, found by the field's label. */
async function errorUnder(page: Page, fieldId: string): Promise<string> {
  const error = page.locator(`#${fieldId}-error`);
  await error.waitFor();
  return (await error.textContent()) ?? '';
}

describe('a wrong or empty field is named, with the limit it missed, in the person’s language', () => {
  it('in the console: idle minutes out of range, too many addresses, and the default message follows the language', async () => {
    const { admin, slug } = await workspaceWithMember({ admin: 'Fiona Fields', workspace: 'Field Works', member: 'Max Member' });
    const page = await signedInPage(`${test.server.publicUrl}/console/signin?workspace=${slug}`, admin.email);
    await page.getByTestId('directory').waitFor();

    await page.goto(`${test.server.publicUrl}/console/${slug}/settings`);
    await page.locator('#settings-idle').fill('2');
    await page.locator('#settings-idle').press('Enter');
    expect(await errorUnder(page, 'settings-idle')).toBe('Enter a number of at least 5.');
    await screenshot(page, '70-console-idle-minutes-error');

    await page.goto(`${test.server.publicUrl}/console/${slug}`);
    await page.getByTestId('open-invite').click();
    await page.getByTestId('invite-emails').fill(Array.from({ length: 150 }, (_, index) => `person${index}@field.example`).join('\n'));
    await page.getByTestId('send-invitations').click();
    expect(await errorUnder(page, 'invite-emails')).toBe('150 addresses: give at most 100 at a time.');
    await screenshot(page, '71-console-too-many-addresses');

    // Switching language on the invitation form changes the untouched default message, which is what the invitee reads.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('heading', { name: 'Nutzer einladen' }).waitFor();
    const invitee = uniqueEmail('deutsch');
    await page.getByTestId('invite-emails').fill(invitee);
    expect(await page.getByTestId('invite-message').inputValue()).toBe('Treten Sie unserem Firmen-Workspace bei.');
    await page.getByTestId('send-invitations').click();
    await page.getByTestId('invite-results').waitFor();
    expect((await test.server.mailSink!.waitFor(invitee)).text).toContain('Treten Sie unserem Firmen-Workspace bei.');
  });

  it('in the portal: a bad address to reset, a login email another profile uses, a switched-off quick-join link', async () => {
    const page = await (await test.browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${test.server.publicUrl}/forgot-password`);
    await page.locator('#email').fill('pas une adresse');
    await page.locator('form button[type="submit"]').click();
    expect(await errorUnder(page, 'email')).toBe('Saisissez une adresse e-mail valide.');
    await screenshot(page, '72-portal-forgot-password-bad-address-fr');

    const person = await people.signedIn({ name: 'Lena Login' });
    const other = await people.signedIn({ name: 'Other Owner' });
    const portal = await signedInPage(`${test.server.publicUrl}/signin`, person.email);
    await portal.getByTestId('signed-in-as').waitFor();
    await portal.goto(`${test.server.publicUrl}/security`);
    await portal.locator('#new-email').fill(other.email);
    await portal.locator('#email-password').fill(TEST_PASSWORD);
    await portal.getByRole('button', { name: 'Change login email' }).click();
    const taken = await portal.getByTestId('form-error').textContent();
    expect(taken).toContain('Another profile already signs in with this address');
    expect(taken).toContain('change that profile’s login email to another address you own');
    await screenshot(portal, '73-portal-login-email-taken');

    const { admin, slug } = await workspaceWithMember({ admin: 'Link Keeper', workspace: 'Link Works', member: 'Someone' });
    const { url } = await admin.client.joinLink.update.mutate({ workspace: slug, enabled: true });
    await admin.client.joinLink.update.mutate({ workspace: slug, enabled: false });
    const joiner = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await joiner.goto(url);
    await joiner.getByText('This workspace’s quick-join link is switched off. Ask an administrator of the workspace to switch it on again or to invite you.').waitFor();
    await screenshot(joiner, '74-portal-join-link-switched-off');
  });
});
