import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { Member, Task } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { createClient } from '@gatehouse/client';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();
const { people } = test;

async function adminInConsole(): Promise<{ page: Page; slug: string; admin: Awaited<ReturnType<typeof people.signedIn>> }> {
  const admin = await people.signedIn({ name: 'Olivia Owner' });
  const slug = uniqueSlug('shop');
  await admin.client.workspace.create.mutate({ name: 'Corner Shop', slug });
  const page = await test.consolePage(slug, admin.email);
  return { page, slug, admin };
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
    expect(await joiner.getByTestId('join-outcome').textContent()).toContain('You are now a member of Corner Shop.');

    // From another domain, the confirmed joiner is told they now wait for an administrator.
    const outsider = `outsider-${Date.now()}@elsewhere.example`;
    await joiner.goto(url);
    await joiner.getByLabel('Your name').fill('Otto Outsider');
    await joiner.getByLabel('Email').fill(outsider);
    await joiner.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await joiner.getByLabel('Password again').fill(TEST_PASSWORD);
    await joiner.getByRole('button', { name: 'Join' }).click();
    await joiner.getByTestId('join-outcome').waitFor();
    await joiner.goto((await test.server.mailSink!.waitFor(outsider)).text.match(/http\S+\/verify-email#\S+/)![0]);
    expect(await joiner.getByTestId('join-outcome').textContent()).toContain('Your request to join Corner Shop now waits for an administrator’s approval.');
    await screenshot(joiner, '29-portal-join-waits-for-approval');

    await page.goto(`${test.server.publicUrl}/console/${slug}`);
    await page.getByTestId('tab-active').click();
    await page.getByTestId('directory').getByText('Nina Newcomer').waitFor();
  });

  it('reads the audit trail as sentences with from → to, and filters it by actor, action and date, the filters kept in the address', async () => {
    const { page, slug, admin } = await adminInConsole();
    const email = uniqueEmail('audited');
    const [sent] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [email], role: 'extranet' });
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: sent!.memberId!, role: 'employee', password: TEST_PASSWORD });
    await admin.client.workspace.updateSettings.mutate({ workspace: slug, sessionIdleMinutes: 30, anyoneCanInvite: true });
    await admin.client.joinLink.update.mutate({ workspace: slug, enabled: true, allowedDomains: ['shop.example'] });

    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByTestId('audit').waitFor();
    await screenshot(page, '99-console-audit-api-key');
    const trail = page.getByTestId('audit');
    await trail.waitFor();
    const row = (action: string) => trail.locator(`tr[data-action="${action}"]`);
    expect(await row('workspace.settings_changed').textContent()).toContain('Olivia Owner changed the settings: Anyone can invite: off → on; Idle minutes before sign-out: the default (24) → 30');
    // An invited member is named after their address until they accept.
    const invitedName = email.split('@')[0];
    expect(await row('member.role_changed').textContent()).toContain(`Olivia Owner changed ${invitedName}’s role: Extranet → Employee`);
    expect(await row('member.invited').textContent()).toContain(`Olivia Owner invited ${invitedName} as Extranet`);
    expect(await row('join_link.updated').textContent()).toContain('Switched on: off → on; Allowed domains: none → shop.example');
    expect(await row('workspace.created').textContent()).toContain('Olivia Owner created the workspace');
    expect(await trail.innerText()).not.toMatch(/\b(?:audit|auditValues|auditFields|roles)\./);
    await screenshot(page, '24-console-audit-trail');

    await page.getByTestId('audit-action').selectOption('member');
    await expect.poll(() => trail.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).toEqual(['member.role_changed', 'member.invited']);
    await page.waitForURL(/action=member/);
    // Back from elsewhere and a reload keep the filter.
    await page.reload();
    await trail.locator('tr[data-action="member.invited"]').waitFor();
    expect(await page.getByTestId('audit-action').inputValue()).toBe('member');
    expect(await trail.locator('tbody tr').count()).toBe(2);

    await page.getByTestId('audit-actor').fill('nobody at all');
    await page.getByText('No event matches these filters.').waitFor();
    await page.waitForURL(/actor=nobody/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await trail.locator('tr[data-action="workspace.created"]').waitFor();

    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    await page.getByTestId('audit-from').fill(day);
    await page.getByText('No event matches these filters.').waitFor();
    await screenshot(page, '25-console-audit-trail-filtered');
  });

  it('makes an API key shown once, sees a script use it and the trail name it, and revokes it after confirming', async () => {
    const { page, slug, admin } = await adminInConsole();
    await page.getByTestId('nav-api-keys').click();
    await page.getByTestId('api-keys-empty').waitFor();
    // Signed in a while ago: making a key asks the admin to confirm it is them.
    await test.signInsGrowOld(admin.email);
    await page.getByTestId('api-key-new').click();
    await page.getByTestId('api-key-save').click();
    // An empty name is named under its box; nothing is made.
    await page.getByText('This field is required.').waitFor();
    await page.getByLabel('Name').fill('HR sync');
    await page.getByTestId('api-key-role-admin').check();
    await screenshot(page, '96-console-api-key-form');
    await page.getByTestId('api-key-save').click();
    await page.getByTestId('reauth-form').waitFor();
    await page.getByLabel('Your password').fill(TEST_PASSWORD);
    await page.getByTestId('reauth-submit').click();
    const key = await page.getByTestId('api-key-made-value').inputValue();
    expect(key).toMatch(/^gh_[a-z2-7]{32}$/);
    await screenshot(page, '97-console-api-key-made');
    await page.getByText('I stored it').click();
    expect(await page.getByTestId('api-key-made').count()).toBe(0);

    // A script calls with it; the list then says when it was last used.
    const script = createClient({ url: test.server.publicUrl, apiKey: key });
    const invited = uniqueEmail('scripted');
    expect((await script.invitations.send.mutate({ workspace: slug, emails: [invited] }))[0]?.ok).toBe(true);
    await page.reload();
    const row = page.locator('[data-status="active"]');
    await row.waitFor();
    expect(await row.textContent()).not.toContain('Never used');

    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByTestId('audit').waitFor();
    await screenshot(page, '99-console-audit-api-key');
    await page.getByText(`API key “HR sync” invited ${invited.split('@')[0]} as Employee`).waitFor();
    await page.getByText('Olivia Owner made the API key “HR sync” (Administrator, expires: never)').waitFor();

    await page.getByTestId('nav-api-keys').click();
    await page.locator('[data-status="active"] button', { hasText: 'Revoke' }).click();
    await page.getByText('Scripts using this key stop working at once.', { exact: false }).waitFor();
    await page.getByTestId('confirm').click();
    await page.getByTestId('api-keys-notice').waitFor();
    await page.locator('[data-status="revoked"]').waitFor();
    await screenshot(page, '98-console-api-key-revoked');
    await expect(script.members.counts.query({ workspace: slug })).rejects.toThrow('This API key is not valid');
  });

  it('signs in at the console: empty fields named, a way to a forgotten password, back to the page asked for, and Back never shows the form again', async () => {
    const admin = await people.signedIn({ name: 'Sally Signin' });
    const slug = uniqueSlug('signin');
    await admin.client.workspace.create.mutate({ name: 'Sign Works', slug });
    const page = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    // A bookmarked page of the console, before signing in: the sign-in asks first, then goes there.
    await page.goto(`${test.server.publicUrl}/console/${slug}/audit`);
    await page.locator('#workspace').waitFor();
    expect(await page.locator('#workspace').inputValue()).toBe(slug);
    await page.locator('form button[type="submit"]').click();
    expect(await page.locator('#email-error').textContent()).toBe('This field is required.');
    expect(await page.locator('#password-error').textContent()).toBe('This field is required.');
    await screenshot(page, '26-console-sign-in-empty-fields');
    expect(await page.getByTestId('forgot-password').getAttribute('href')).toBe('/forgot-password');

    await page.locator('#email').fill(admin.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('audit').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/${slug}/audit`);
    // The sign-in page is out of the history, and opening it again while signed in here goes on to the workspace.
    await page.goto(`${test.server.publicUrl}/console/signin?workspace=${slug}`);
    await page.getByTestId('directory').waitFor();
    expect(await page.locator('form #password').count()).toBe(0);

    await page.goto(`${test.server.publicUrl}/console/${slug}/no/such/page`);
    await page.getByTestId('not-found').waitFor();
    await page.goto(`${test.server.publicUrl}/console/${slug}/members/not-a-member/extra/parts`);
    await page.getByTestId('not-found').waitFor();
    await screenshot(page, '27-console-unknown-page');
  });

  it('works on many members at once: filters kept in the address, invitation ends shown, bulk resend and delete with progress, CSV export', async () => {
    const { page, slug, admin } = await adminInConsole();
    const emails = [uniqueEmail('bulk-a'), uniqueEmail('bulk-b'), uniqueEmail('=cmd-bulk-c')];
    const sent = await admin.client.invitations.send.mutate({ workspace: slug, emails });
    // Two were mailed long enough ago to be resent; the third only just now.
    await test.db.orm.em.fork().nativeUpdate(Member, { id: { $in: [sent[0]!.memberId!, sent[1]!.memberId!] } }, { invitationSentAt: new Date(Date.now() - 3_600_000) });

    await page.getByTestId('tab-invited').click();
    await page.waitForURL(/tab=invited/);
    const directory = page.getByTestId('directory');
    await directory.locator('tbody tr').nth(2).waitFor();
    expect(await directory.getByTestId('invitation-expiry').first().textContent()).toContain('Link valid until');
    await page.getByRole('searchbox').fill('bulk-a');
    await page.waitForURL(/q=bulk-a/);
    await directory.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    await directory.getByRole('link').first().click();
    await page.getByTestId('member-status').waitFor();
    await page.goBack();
    await page.waitForURL(/tab=invited.*q=bulk-a|q=bulk-a.*tab=invited/);
    expect(await page.getByRole('searchbox').inputValue()).toBe('bulk-a');
    expect(await page.getByTestId('tab-invited').getAttribute('aria-selected')).toBe('true');
    await page.getByRole('searchbox').fill('');
    await page.waitForURL((url) => !url.search.includes('q='));
    await directory.locator('tbody tr').nth(2).waitFor();

    // The CSV holds what the admin filtered, every cell safe to open in a spreadsheet.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('"Name","Contact email","Position","Role","Status","Since","Invitation ends"');
    expect(lines).toHaveLength(4);
    expect(csv).toContain(`"'${emails[2]}"`);

    await page.getByTestId('select-page').check();
    expect(await page.getByTestId('bulk-resend').textContent()).toContain('Resend 3 invitations');
    await page.getByTestId('bulk-resend').click();
    await page.getByTestId('bulk-result').getByText('2 invitations resent.').waitFor();
    expect(await page.getByTestId('bulk-failures').textContent()).toContain('Too many attempts');
    expect(await page.getByTestId('bulk-progress').textContent()).toBe('3 of 3 done');
    await screenshot(page, '28-console-bulk-resend');

    // The seeds: an invitation with tasks is not deleted until they are; the others go, and the one kept says why.
    await test.db.orm.em.fork().nativeDelete(Task, { assignee: { $in: [sent[0]!.memberId!, sent[1]!.memberId!] } });
    await page.getByTestId('select-page').check();
    await page.getByTestId('bulk-delete').click();
    await page.getByRole('heading', { name: 'Delete 3 invitations?' }).waitFor();
    await page.getByTestId('confirm').click();
    await page.getByTestId('bulk-result').getByText('2 invitations deleted.').waitFor();
    expect(await page.getByTestId('bulk-failures').textContent()).toContain('The user has not been deleted: delete their task first.');
    expect((await admin.client.members.list.query({ workspace: slug, status: 'invited' })).items.map((member) => member.id)).toEqual([sent[2]!.memberId]);
  });
});
