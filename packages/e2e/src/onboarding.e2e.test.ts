import { describe, expect, it } from 'vitest';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();

const PASSWORD = 'a sentence that is long enough';

describe('a new company, from sign-up to the admin console', () => {
  it('signs up, creates a workspace, signs in at it and sees itself in the directory', async () => {
    const context = await test.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const email = uniqueEmail('founder');
    const slug = uniqueSlug('acme');

    await page.goto(`${test.server.publicUrl}/signup`);
    await page.getByLabel('Your name').fill('Grace Hopper');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await screenshot(page, '01-portal-sign-up');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByTestId('sign-up-sent').waitFor();

    // The confirmation really goes through SMTP; its link confirms the address, then the person signs in.
    const mail = await test.server.mailSink!.waitFor(email);
    await page.goto(mail.text.match(/http\S+\/verify-email#\S+/)![0]);
    await page.getByTestId('verify-outcome').waitFor();
    await page.goto(`${test.server.publicUrl}/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByRole('heading', { name: 'You have a profile but no workspace yet' }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Grace Hopper');
    await screenshot(page, '02-portal-no-workspace-yet');

    await page.getByRole('link', { name: 'Create a workspace' }).first().click();
    await page.getByLabel('Company or team name').fill('Acme Rockets');
    await page.getByLabel('Workspace address').fill(slug);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByTestId('workspace-list').getByText('Acme Rockets').waitFor();
    await screenshot(page, '03-portal-my-workspaces');

    await page.goto(`${test.server.publicUrl}/console/signin?workspace=${slug}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    const directory = page.getByTestId('directory');
    await directory.waitFor();
    expect(await directory.locator('tbody tr').count()).toBe(1);
    expect(await directory.locator('tbody tr').first().textContent()).toContain('Grace Hopper');
    expect(await page.getByTestId('seats').textContent()).toBe('1 of 12 used');
    await screenshot(page, '04-console-directory');

    // Two sign-ins (portal, console) on this browser: both listed, this one marked; ending the other leaves one.
    await page.goto(`${test.server.publicUrl}/sessions`);
    const sessions = page.getByTestId('session-list').locator('li');
    await sessions.first().waitFor();
    expect(await sessions.count()).toBe(2);
    expect(await page.getByTestId('session-list').getByText('This device').count()).toBe(1);
    await screenshot(page, '05-portal-sessions');
    // Asked in the page's own dialog (no browser prompt), and nothing ends until confirmed.
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await page.getByRole('heading', { name: 'End every other session?' }).waitFor();
    await screenshot(page, '06-portal-confirm-other-sessions');
    await page.getByTestId('confirm').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="session-list"] li').length === 1);
    await context.close();
  });

  it('shows the API’s own error, in the page’s language, when the password is wrong', async () => {
    const context = await test.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${test.server.publicUrl}/signin`);
    await page.getByLabel('E-mail').fill(uniqueEmail('nobody'));
    await page.getByLabel('Mot de passe').fill('a wrong password here');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Identifiant ou mot de passe incorrect.');
    await screenshot(page, '06-portal-sign-in-error-fr');
    await context.close();
  });
});
