import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Session } from '@gatehouse/db';
import { totpCodeAt } from '@gatehouse/auth';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { screenshot, useBrowserTest } from './browser.ts';
import { authenticatorOn, pageWithoutAutofill } from './virtual-authenticator.ts';

const test = useBrowserTest();

async function signInAtWorkspace(page: Page, slug: string, email: string): Promise<void> {
  await page.goto(`${test.server.publicUrl}/signin?workspace=${slug}`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('the workspace security policy in the browser', () => {
  it('is set in the console: two-step verification for everyone, ways in per group, and who it still waits for, reminded', async () => {
    const { admin, slug, member } = await test.workspaceWithMember({ admin: 'Paula Policy', workspace: 'Policy Works', member: 'Mo Member' });
    const page = await test.consolePage(slug, admin.email);
    await page.goto(`${test.server.publicUrl}/console/${slug}/settings`);
    const section = page.getByTestId('security-policy');
    await section.locator('#policy-required').selectOption('everyone');
    await section.locator('#policy-grace').fill('7');
    await section.getByTestId('way-members-password').uncheck();
    await section.locator('#policy-max-hours').fill('8');
    await section.getByTestId('save-policy').click();
    await section.getByTestId('policy-notice').filter({ hasText: 'Security policy saved.' }).waitFor();
    const rows = section.getByTestId('pending-members').locator('tbody tr');
    await rows.filter({ hasText: 'Mo Member' }).waitFor();
    expect(await rows.count()).toBe(2);
    await screenshot(page, '103-console-security-policy');
    await section.getByTestId('remind-all').click();
    await section.getByTestId('policy-notice').filter({ hasText: '2 members were reminded by mail.' }).waitFor();
    const reminder = await test.server.mailSink!.waitFor(member.email, (mail) => mail.subject === 'Policy Works requires two-step verification');
    expect(reminder.text).toContain('/security');
    // Admins may not lock themselves out: a way in they do not have is refused, field by field.
    await section.getByTestId('way-admins-password').uncheck();
    await section.getByTestId('save-policy').click();
    await section.getByText('You could no longer sign in yourself').waitFor();
    const policy = await admin.client.workspace.securityPolicy.query({ workspace: slug });
    expect(policy).toMatchObject({ twoFactorRequiredFor: 'everyone', twoFactorGraceDays: 7, sessionMaxHours: 8, allowedWaysIn: { admins: null, members: ['passkey'] } });
  });

  it('walks a member without a second step through setting one up; the passkey is then the second step after the password, until an admin turns it off for them', async () => {
    const { admin, slug, member } = await test.workspaceWithMember({ admin: 'Greta Grace', workspace: 'Strict Co', member: 'Sam Setup' });
    await admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, twoFactorRequiredFor: 'everyone', twoFactorGraceDays: 0 });

    const page = await pageWithoutAutofill(test.browser);
    await authenticatorOn(page);
    await signInAtWorkspace(page, slug, member.email);
    // Past the grace period: the security page, saying why, with nothing else to go to.
    await page.getByTestId('setup-required').waitFor();
    expect(new URL(page.url()).pathname).toBe('/security');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'My workspaces' }).count()).toBe(0);
    await screenshot(page, '104-portal-two-factor-setup-required');
    await page.goto(`${test.server.publicUrl}/sessions`);
    await page.getByTestId('setup-required').waitFor();

    await page.locator('#passkey-name').fill('Sam’s laptop');
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-notice').filter({ hasText: 'is ready' }).waitFor();
    // Set up: the hold ends at once, in this very session.
    await page.getByTestId('setup-required').waitFor({ state: 'detached' });
    await page.getByRole('navigation').getByRole('link', { name: 'My workspaces' }).click();
    await page.getByText('Strict Co').first().waitFor();

    // The next sign-in at the workspace asks for the passkey after the password, in place of a code.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/signin');
    await signInAtWorkspace(page, slug, member.email);
    await page.getByTestId('second-step-passkey-only').waitFor();
    expect(await page.getByTestId('two-factor-form').count()).toBe(0);
    await screenshot(page, '105-portal-second-step-passkey');
    await page.getByTestId('second-step-passkey').click();
    await page.getByRole('navigation').getByRole('link', { name: 'My workspaces' }).waitFor();
    const newest = await test.db.orm.em.fork().findOneOrFail(Session, { profile: { email: member.email }, client: 'browser' }, { orderBy: { createdAt: 'desc' } });
    expect(newest.amr).toEqual(['pwd', 'hwk', 'mfa']);
    expect(newest.wayIn).toBe('password');

    // The member lost their passkey: an admin turns the second step off for them here, and the password alone signs in.
    // (The admin sets up their own authenticator app first: the policy holds them too.)
    const { secret } = await admin.client.twoFactor.setup.mutate();
    await admin.client.twoFactor.enable.mutate({ code: totpCodeAt(decodeBase32IgnorePadding(secret), new Date()) });
    await admin.client.members.resetTwoFactor.mutate({ workspace: slug, memberId: member.memberId });
    const withoutTheKey = await pageWithoutAutofill(test.browser);
    await signInAtWorkspace(withoutTheKey, slug, member.email);
    await withoutTheKey.getByRole('navigation').getByRole('link', { name: 'My workspaces' }).waitFor();
    expect(await withoutTheKey.getByTestId('second-step-passkey').count()).toBe(0);
    const afterReset = await test.db.orm.em.fork().findOneOrFail(Session, { profile: { email: member.email }, client: 'browser' }, { orderBy: { createdAt: 'desc' } });
    expect(afterReset.amr).toEqual(['pwd']);
  });

  it('asks an admin whose sign-in is no longer recent to confirm dismissing a member, and takes a passkey for it', async () => {
    const { admin, slug, memberId } = await test.workspaceWithMember({ admin: 'Kira Keys', workspace: 'Key Works', member: 'Dan Dismissed' });
    const page = await pageWithoutAutofill(test.browser);
    await authenticatorOn(page);
    await signInAtWorkspace(page, slug, admin.email);
    await page.getByRole('navigation').getByRole('link', { name: 'My workspaces' }).waitFor();
    await page.goto(`${test.server.publicUrl}/security`);
    await page.locator('#passkey-name').fill('Kira’s laptop');
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-notice').filter({ hasText: 'is ready' }).waitFor();

    await test.signInsGrowOld(admin.email);
    await page.goto(`${test.server.publicUrl}/console/${slug}/members/${memberId}`);
    await page.getByTestId('dismiss-member').click();
    await page.getByTestId('confirm').click();
    const dialog = page.getByTestId('reauth-form');
    await dialog.getByTestId('reauth-passkey').waitFor();
    expect(await dialog.textContent()).toContain('This change needs your password, a code from your authenticator app, or a passkey.');
    await screenshot(page, '106-console-confirm-with-passkey');
    await dialog.getByTestId('reauth-passkey').click();
    await page.getByTestId('member-notice').getByText('Dismissed: their sessions here ended').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    expect((await admin.client.members.get.query({ workspace: slug, memberId })).status).toBe('dismissed');
    // The confirmation renewed the sign-in: the next sensitive change runs without asking.
    const session = await test.db.orm.em.fork().findOneOrFail(Session, { profile: { email: admin.email }, client: 'browser' }, { orderBy: { createdAt: 'desc' } });
    expect(Date.now() - session.authenticatedAt.getTime()).toBeLessThan(60_000);
  });
});
