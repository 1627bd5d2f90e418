import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { linkIn } from '@gatehouse/mail';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();
const { people } = test;

async function adminInConsole(): Promise<{ page: Page; slug: string; email: string }> {
  const admin = await people.signedIn({ name: 'Ada Admin' });
  const slug = uniqueSlug('team');
  await admin.client.workspace.create.mutate({ name: 'Team Rocket', slug });
  const page = await test.consolePage(slug, admin.email);
  return { page, slug, email: admin.email };
}

describe('an invitation’s whole trip', () => {
  it('goes from the console through real SMTP to the invitee’s browser, and the admin sees them active', async () => {
    const { page } = await adminInConsole();
    const invitee = uniqueEmail('grace');

    await page.getByTestId('open-invite').click();
    await page.getByLabel('Email addresses').fill(`${invitee}\nnot-an-address`);
    await page.getByRole('button', { name: 'Send invitations' }).click();
    const results = page.getByTestId('invite-results');
    await results.waitFor();
    expect(await results.textContent()).toContain(`✓ ${invitee} — invitation sent`);
    // What is not an address is answered, not dropped, and stays in the box to fix.
    expect(await results.textContent()).toContain('✗ not-an-address — not a valid email address');
    expect(await page.getByTestId('invite-emails').inputValue()).toBe('not-an-address');
    await screenshot(page, '10-console-invite-dialog');
    await page.getByRole('button', { name: 'Close' }).first().click();

    // The mail really crossed SMTP; the test reads it as the invitee would and follows its link.
    const mail = await test.server.mailSink!.waitFor(invitee);
    expect(mail.subject).toBe('Ada Admin invites you to Team Rocket');
    const link = linkIn(mail, `${test.server.publicUrl}/invitation#`);

    const inviteePage = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await inviteePage.goto(link);
    await inviteePage.getByTestId('invitation-intro').waitFor();
    expect(await inviteePage.getByTestId('invitation-intro').textContent()).toBe('Ada Admin invites you to join Team Rocket.');
    await inviteePage.getByLabel('Your name').fill('Grace Hopper');
    await inviteePage.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await inviteePage.getByLabel('Password again').fill(TEST_PASSWORD);
    await screenshot(inviteePage, '11-portal-accept-invitation');
    await inviteePage.getByRole('button', { name: 'Join the workspace' }).click();
    await inviteePage.getByTestId('workspace-list').getByText('Team Rocket').waitFor();
    await screenshot(inviteePage, '12-portal-after-accepting');

    await page.reload();
    await page.getByTestId('tab-active').click();
    await page.getByTestId('directory').getByText('Grace Hopper').waitFor();
    expect(await page.getByTestId('seats').textContent()).toBe('2 of 12 used');
    await screenshot(page, '13-console-directory-after-accept');
  });

  it('fails to delete an invited member who has a task, then succeeds once the task is deleted', async () => {
    const { page, slug } = await adminInConsole();
    const invitee = uniqueEmail('pending');
    await page.getByTestId('open-invite').click();
    await page.getByLabel('Email addresses').fill(invitee);
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByTestId('invite-results').waitFor();
    await page.getByRole('button', { name: 'Close' }).first().click();

    await page.getByTestId('tab-invited').click();
    await page.getByTestId('directory').getByRole('link', { name: invitee.split('@')[0]! }).click();
    await page.getByTestId('member-status').waitFor();
    await page.getByTestId('delete-member').click();
    await page.getByTestId('confirm').click();
    const error = page.getByTestId('member-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('The user has not been deleted: delete their task first.');
    await screenshot(page, '14-console-delete-blocked-by-task');

    // Asked first, naming the task: deleting is for good, and is not finishing it.
    await page.getByTestId('member-tasks').getByRole('button', { name: 'Delete task' }).click();
    await page.getByText('“Complete your profile” is deleted for good.', { exact: false }).waitFor();
    await page.getByTestId('confirm').click();
    await page.getByText('Task deleted.').waitFor();
    await page.getByTestId('delete-member').click();
    await page.getByTestId('confirm').click();
    await page.waitForURL(`**/console/${slug}`);
    await page.getByTestId('tab-invited').click();
    await page.getByText('Nobody here yet.').waitFor();
  });
});
