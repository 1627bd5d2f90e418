import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { screenshot, useBrowserTest } from './browser.ts';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';

const test = useBrowserTest();

describe('a person’s own data in the portal', () => {
  it('downloads their data and security history, and deletes their profile — refused to the creator, done for a member, who is dismissed in the workspace', async () => {
    const { admin, slug, member, memberId } = await test.workspaceWithMember({ admin: 'Alma Admin', workspace: 'Leaving Ltd', member: 'Lee Leaver' });

    // The member's profile page: their data in one file.
    const page = await test.signedInPage(`${test.server.publicUrl}/signin`, member.email);
    await page.waitForURL(/\/workspaces$/);
    await page.goto(`${test.server.publicUrl}/profile`);
    await page.getByTestId('your-data').waitFor();
    await page.getByTestId('delete-profile').scrollIntoViewIfNeeded();
    await screenshot(page, '128-portal-profile-your-data');
    const [data] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-my-data').click()]);
    expect(data.suggestedFilename()).toMatch(/^gatehouse-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile((await data.path())!, 'utf8')) as { profile: { email: string }; memberships: { workspace: { name: string }; status: string }[] };
    expect(file.profile.email).toBe(member.email);
    expect(file.memberships).toMatchObject([{ workspace: { name: 'Leaving Ltd' }, status: 'active' }]);

    // The whole security history, from the security page.
    await page.goto(`${test.server.publicUrl}/security`);
    await page.getByTestId('security-events').waitFor();
    await screenshot(page, '129-portal-security-history-download');
    const [history] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export-csv').click()]);
    expect(history.suggestedFilename()).toMatch(/^security-history-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(await readFile((await history.path())!, 'utf8')).toContain('"sign_in.succeeded"');

    // The creator may not leave: the answer names the workspace and what to do.
    const creatorPage = await test.signedInPage(`${test.server.publicUrl}/signin`, admin.email);
    await creatorPage.waitForURL(/\/workspaces$/);
    await creatorPage.goto(`${test.server.publicUrl}/profile`);
    await creatorPage.locator('#delete-password').fill(TEST_PASSWORD);
    await creatorPage.getByTestId('delete-profile-submit').click();
    await creatorPage.getByTestId('confirm').click();
    const refusal = creatorPage.getByTestId('delete-profile').getByTestId('form-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('you are the creator of Leaving Ltd');
    await screenshot(creatorPage, '130-portal-delete-profile-refused');

    // The member leaves: the password, a confirmation, then signed out with a word of what happened.
    await page.goto(`${test.server.publicUrl}/profile`);
    await page.locator('#delete-password').fill(TEST_PASSWORD);
    await page.getByTestId('delete-profile-submit').click();
    await page.getByRole('dialog').waitFor();
    await screenshot(page, '131-portal-delete-profile-confirm');
    await page.getByTestId('confirm').click();
    await page.getByTestId('profile-deleted').waitFor();
    expect(page.url()).toContain('/signin?deleted=1');
    await screenshot(page, '132-portal-profile-deleted');

    // The workspace keeps its member, dismissed under the same name; the old session opens nothing.
    expect(await admin.client.members.get.query({ workspace: slug, memberId })).toMatchObject({ status: 'dismissed', name: 'Lee Leaver' });
    expect(await member.client.auth.session.query()).toBeNull();
    // In the console the admin sees the record, dismissed, with nobody left who signs in as them, and nothing to bring back.
    const console = await test.consolePage(slug, admin.email);
    await console.goto(`${test.server.publicUrl}/console/${slug}/members/${memberId}`);
    await console.getByTestId('member-sign-in').waitFor();
    expect(await console.getByTestId('member-sign-in').textContent()).toContain('deleted their Gatehouse profile');
    expect(await console.getByTestId('member-status').textContent()).toBe('Dismissed');
    expect(await console.getByRole('button', { name: 'Rehire' }).count()).toBe(0);
    await screenshot(console, '134-console-member-profile-deleted');
  });
});
