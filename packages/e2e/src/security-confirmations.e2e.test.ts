import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCodeAt } from '@gatehouse/auth';
import { linkIn } from '@gatehouse/mail';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();
const { people } = test;

const { signedInPage, workspaceWithMember } = test;

describe('sensitive actions ask the person to confirm it is them', () => {
  it('changes a member’s role, past the recent sign-in, only after the admin’s password, keeping the dialog open on a wrong one', async () => {
    const { admin, slug, memberId } = await workspaceWithMember({ admin: 'Rita Roles', workspace: 'Role Works', member: 'Mo Member' });

    const page = await signedInPage(`${test.server.publicUrl}/console/signin?workspace=${slug}`, admin.email);
    await page.getByTestId('directory').waitFor();
    await test.signInsGrowOld(admin.email);
    await page.goto(`${test.server.publicUrl}/console/${slug}/members/${memberId}`);
    await page.getByLabel('Role', { exact: true }).selectOption('admin');
    await page.getByRole('button', { name: 'Change role' }).click();
    const dialog = page.getByTestId('reauth-form');
    await dialog.waitFor();
    await page.getByLabel('Your password').fill('not my password at all');
    await page.getByTestId('reauth-submit').click();
    await dialog.getByText('Invalid login or password.').waitFor();
    await screenshot(page, '30-console-confirm-it-is-you');
    await page.getByLabel('Your password').fill(TEST_PASSWORD);
    await page.getByTestId('reauth-submit').click();
    await page.getByTestId('member-notice').getByText('Role changed.').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    expect((await admin.client.members.get.query({ workspace: slug, memberId })).role).toBe('admin');

    // Ending the member's sessions here, after a confirmation.
    await page.getByTestId('end-sessions').click();
    await page.getByTestId('confirm').click();
    await page.getByTestId('member-notice').getByText(/Their sessions at this workspace ended/).waitFor();
    await screenshot(page, '31-console-member-after-ending-sessions');
  });

  it('lets a person signed in with another address accept an invitation with the code mailed to the invited address', async () => {
    const admin = await people.signedIn({ name: 'Ivy Inviter' });
    const slug = uniqueSlug('codes');
    await admin.client.workspace.create.mutate({ name: 'Code Crew', slug });
    const invited = uniqueEmail('work-address');
    await admin.client.invitations.send.mutate({ workspace: slug, emails: [invited] });
    const link = linkIn(await test.server.mailSink!.waitFor(invited), `${test.server.publicUrl}/invitation#`);

    const person = await people.signedIn({ name: 'Pat Personal' });
    const page = await signedInPage(`${test.server.publicUrl}/signin`, person.email);
    await page.getByText('You have a profile but no workspace yet').waitFor();
    await page.goto(link);
    await page.getByTestId('who-joins').waitFor();
    expect(await page.getByTestId('who-joins').textContent()).toContain(`You are signed in as Pat Personal (${person.email})`);
    await screenshot(page, '32-portal-invitation-for-another-address');
    await page.getByTestId('send-code').click();
    const codeMail = await test.server.mailSink!.waitFor(invited, (m) => m.subject === 'Your code to join Code Crew');
    const code = /\b(\d{6})\b/.exec(codeMail.text)![1]!;
    await page.getByLabel('Code from the email').fill(code);
    await screenshot(page, '33-portal-invitation-code');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.getByTestId('workspace-list').getByText('Code Crew').waitFor();
  });

  it('shows a person which workspace exempts them from the second step, asks for a code to change the login email, and confirms ending another session', async () => {
    const { admin, slug, member: person, memberId } = await workspaceWithMember({ admin: 'Xena Exempt', workspace: 'Exempt Works', member: 'Sam Second' });
    const { secret } = await person.client.twoFactor.setup.mutate();
    const key = decodeBase32IgnorePadding(secret);
    await person.client.twoFactor.enable.mutate({ code: totpCodeAt(key, new Date()) });
    await admin.client.members.resetTwoFactor.mutate({ workspace: slug, memberId: memberId, until: new Date(Date.now() + 3 * 86_400_000).toISOString(), password: TEST_PASSWORD });

    // At Exempt Works the password alone signs in now.
    const page = await signedInPage(`${test.server.publicUrl}/signin?workspace=${slug}`, person.email);
    await page.getByText('Exempt Works').first().waitFor();
    await page.goto(`${test.server.publicUrl}/security`);
    const exemption = page.getByTestId('two-factor-exemption');
    await exemption.waitFor();
    expect(await exemption.textContent()).toContain('An administrator of Exempt Works turned it off for your sign-ins there until');
    await page.getByLabel('New login email').fill(uniqueEmail('moved'));
    await page.locator('#email-password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Change login email' }).click();
    await page.getByTestId('form-error').getByText('Confirm it is you').waitFor();
    await screenshot(page, '34-portal-security-exemption-and-email-code');

    // Another device's session: ending it asks for the password in a dialog.
    await (await people.anonymous()).auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD, client: 'desktop' }).catch(() => undefined);
    await page.goto(`${test.server.publicUrl}/sessions`);
    await page.getByTestId('session-list').waitFor();
    await page.getByRole('button', { name: 'End session' }).first().click();
    await page.getByTestId('reauth-form').waitFor();
    await screenshot(page, '35-portal-end-another-session');
    await page.getByLabel('Your password').fill(TEST_PASSWORD);
    await page.getByTestId('reauth-submit').click();
    await page.getByTestId('reauth-form').waitFor({ state: 'hidden' });
  });

  it('points an admin who re-invites a dismissed member to rehiring them', async () => {
    const { admin, slug, member: former, memberId } = await workspaceWithMember({ admin: 'Rory Rehire', workspace: 'Rehire Inc', member: 'Fay Former' });
    await admin.client.members.dismiss.mutate({ workspace: slug, memberId });

    const page = await signedInPage(`${test.server.publicUrl}/console/signin?workspace=${slug}`, admin.email);
    await page.getByTestId('directory').waitFor();
    await page.getByTestId('open-invite').click();
    await page.getByLabel('Email addresses').fill(former.email);
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByTestId('invite-results').getByText('this person was dismissed here').waitFor();
    await screenshot(page, '36-console-reinvite-dismissed');
    await page.getByRole('button', { name: 'Open to rehire' }).click();
    await page.getByLabel('Rehire as').selectOption('extranet');
    await page.getByTestId('rehire-member').click();
    await page.getByText('Rehired. They sign in again to get access.').waitFor();
    expect(await page.getByTestId('member-status').textContent()).toBe('Active');
    await screenshot(page, '37-console-rehired-as-extranet');
  });

  it('hands the creator role over: the offered admin is mailed, sees it in the portal, accepts in the console and is told it worked', async () => {
    const { admin, slug, member, memberId } = await workspaceWithMember({ admin: 'Cora Creator', workspace: 'Heir Works', member: 'Hugo Heir' });
    await admin.client.members.setRole.mutate({ workspace: slug, memberId, role: 'admin', password: TEST_PASSWORD });
    const page = await signedInPage(`${test.server.publicUrl}/console/signin?workspace=${slug}`, admin.email);
    await page.getByTestId('directory').waitFor();
    await page.goto(`${test.server.publicUrl}/console/${slug}/settings`);
    await page.locator('#creator-heir').selectOption({ label: 'Hugo Heir' });
    await page.getByRole('button', { name: 'Offer the creator role' }).click();
    await page.getByLabel('Your password').fill(TEST_PASSWORD);
    await page.getByTestId('reauth-submit').click();
    await page.getByText('The offer was sent', { exact: false }).waitFor();

    const mail = await test.server.mailSink!.waitFor(member.email, (m) => m.subject === 'Cora Creator offers you the creator role of Heir Works');
    expect(mail.text).toContain(`/console/${slug}`);
    const heir = await signedInPage(`${test.server.publicUrl}/signin`, member.email);
    const offer = heir.getByTestId('creator-offer');
    expect(await offer.textContent()).toContain('The creator of Heir Works offers you the creator role.');
    await offer.getByRole('link', { name: 'Answer in the console' }).click();
    await heir.getByTestId('creator-offer').getByRole('button').click();
    await heir.getByTestId('creator-accepted').getByText('You are the creator of this workspace now.').waitFor();
    await screenshot(heir, '32-console-creator-accepted');
  });
});
