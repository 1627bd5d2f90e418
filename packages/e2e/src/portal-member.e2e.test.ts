import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { Profile } from '@gatehouse/db';
import { uniqueEmail } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();
const { db, signedInPage, workspaceWithMember } = test;

describe('a member in the portal', () => {
  it('invites colleagues when the workspace lets anyone invite, with the same answers as the console, seats included', async () => {
    const { admin, slug, member } = await workspaceWithMember({ admin: 'Iris Invites', workspace: 'Open Door', member: 'Noah Newhire' });
    const page = await signedInPage(`${test.server.publicUrl}/signin`, member.email);
    await page.getByTestId('workspace-list').waitFor();
    expect(await page.getByTestId(`invite-${slug}`).count()).toBe(0);
    await page.goto(`${test.server.publicUrl}/workspaces/${slug}/invite`);
    await page.getByTestId('invite-not-allowed').waitFor();

    await admin.client.workspace.updateSettings.mutate({ workspace: slug, anyoneCanInvite: true });
    await page.goto(`${test.server.publicUrl}/workspaces`);
    await page.getByTestId(`invite-${slug}`).click();
    await page.getByRole('heading', { name: 'Invite colleagues to Open Door' }).waitFor();
    expect(await page.getByTestId('seats-left').textContent()).toBe('Seats left on your plan: 10.');
    // A member never gives the admin role.
    expect(await page.locator('#invite-role option').allTextContents()).toEqual(['Employee', 'Extranet']);

    const addresses = Array.from({ length: 11 }, (_, index) => uniqueEmail(`colleague${index}`));
    await page.getByTestId('invite-emails').fill([...addresses, 'not-an-address'].join('\n'));
    await page.getByTestId('send-invitations').click();
    const results = page.getByTestId('invite-results');
    await results.waitFor();
    expect(await results.locator('li.ok').count()).toBe(10);
    expect((await results.locator('li.failed').allTextContents()).map((text) => text.trim())).toEqual([`✗ ${addresses[10]} — no seat left on the plan`, '✗ not-an-address — not a valid email address']);
    await page.getByText('Seats left on your plan: 0.').waitFor();
    await screenshot(page, '80-portal-invite-colleagues');
    // The invitations are the member's, in the workspace's trail.
    const trail = await admin.client.audit.list.query({ workspace: slug, action: 'member.invited', actor: 'Noah Newhire' });
    expect(trail.items.map((event) => event.target.name).sort()).toEqual(addresses.slice(0, 10).map((email) => email.split('@')[0]).sort());
  });

  it('sees and edits their three addresses: the login, and per workspace the contact email and the mailbox', async () => {
    const { admin, slug, member, memberId } = await workspaceWithMember({ admin: 'Pia Profile', workspace: 'Address Book', member: 'Omar Own' });
    const page = await signedInPage(`${test.server.publicUrl}/signin`, member.email);
    await page.getByTestId('workspace-list').waitFor();
    await page.getByRole('link', { name: 'Profile' }).click();
    expect(await page.getByTestId('login-email').textContent()).toBe(member.email);
    const card = page.getByTestId(`profile-workspace-${slug}`);
    expect(await card.locator(`#contact-${memberId}`).inputValue()).toBe(member.email);

    // Another member's contact email is refused where it was typed, with the seeds' remedy.
    await card.locator(`#contact-${memberId}`).fill(admin.email);
    await card.getByRole('button', { name: 'Save' }).click();
    expect(await card.locator(`#contact-${memberId}-error`).textContent()).toContain('A user with this email already exists in this workspace');

    const contact = uniqueEmail('omar-contact');
    await card.locator(`#contact-${memberId}`).fill(contact);
    await card.locator(`#mailbox-${memberId}`).fill('omar@mail.address-book.example');
    await card.locator(`#position-${memberId}`).fill('Buyer');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByTestId('profile-saved').waitFor();
    await screenshot(page, '81-portal-profile');
    expect(await admin.client.members.get.query({ workspace: slug, memberId })).toMatchObject({ contactEmail: contact, position: 'Buyer' });

    await page.goto(`${test.server.publicUrl}/security`);
    expect(await page.getByTestId('current-login').textContent()).toBe(`You sign in with ${member.email}.`);
  });

  it('is told the idle time the workspace chose, not a fixed 24 minutes', async () => {
    const { admin, slug, member } = await workspaceWithMember({ admin: 'Tim Timer', workspace: 'Half Hour', member: 'Sam Session' });
    await admin.client.workspace.updateSettings.mutate({ workspace: slug, sessionIdleMinutes: 30 });
    const page = await signedInPage(`${test.server.publicUrl}/signin?workspace=${slug}`, member.email);
    await page.getByTestId('workspace-list').waitFor();
    await page.goto(`${test.server.publicUrl}/sessions`);
    const current = page.getByTestId('session-list').locator('li', { hasText: 'This device' });
    expect(await current.getByTestId('session-lifetime').textContent()).toBe('Ends after 30 minutes without activity');
  });

  it('keeps the language picked on the sign-in page and asks whether to save it to the profile', async () => {
    const { member } = await workspaceWithMember({ admin: 'Lou Language', workspace: 'Babel', member: 'Greta Deutsch' });
    const context = await test.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${test.server.publicUrl}/signin`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.locator('#email').fill(member.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('heading', { name: 'Meine Workspaces' }).waitFor();
    expect(await page.getByTestId('language-offer').textContent()).toContain('Sie haben hier Deutsch gewählt; Ihr Profil ist auf English eingestellt.');
    await screenshot(page, '82-portal-language-offer');
    await page.getByTestId('keep-language').click();
    await page.getByTestId('language-offer').waitFor({ state: 'detached' });
    expect((await db.orm.em.fork().findOneOrFail(Profile, { id: member.profile.id })).locale).toBe('de');
    // Saved: the next visit speaks German without asking.
    await page.reload();
    await page.getByRole('heading', { name: 'Meine Workspaces' }).waitFor();
    expect(await page.getByTestId('language-offer').count()).toBe(0);
    await context.close();
  });
});
