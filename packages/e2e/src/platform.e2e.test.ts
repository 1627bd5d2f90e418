import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { Member, Profile, Workspace, WorkspaceDomain } from '@gatehouse/db';
import { uniqueSlug } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();
const { db, people } = test;

async function portalSignIn(email: string, locale = 'en-US'): Promise<Page> {
  const page = await (await test.browser.newContext({ locale })).newPage();
  await page.goto(`${test.server.publicUrl}/signin`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(TEST_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId('signed-in-as').waitFor();
  return page;
}

const member = test.memberOf;

describe('a workspace that lost its last administrator', () => {
  it('gets one back: a member files the signed letter in the portal, platform staff approve it in the console', async () => {
    const admin = await people.signedIn({ name: 'Gone Admin' });
    const slug = uniqueSlug('orphan');
    await admin.client.workspace.create.mutate({ name: 'Orphan Works', slug });
    const requester = await member(admin, slug, 'Rita Requester');
    const proposed = await member(admin, slug, 'Paul Proposed');
    await db.orm.em.fork().nativeUpdate(Member, { workspace: { slug }, profile: admin.profile.id }, { status: 'dismissed' });

    const page = await portalSignIn(requester.email);
    await page.getByRole('link', { name: 'No administrator answering?' }).click();
    await page.getByLabel('Name of the former administrator').fill('Gone Admin');
    await page.getByLabel('Login of the former administrator').fill(admin.email);
    await page.getByLabel('Who should become administrator').selectOption({ label: 'Paul Proposed' });
    await page.getByLabel('What happened').fill('Our administrator left the company without handing over the workspace.');
    await page.locator('#letter').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nSigned by the director\n%%EOF') });
    await screenshot(page, '50-portal-recovery-request');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByTestId('recovery-filed').waitFor();

    const staff = await people.signedIn({ name: 'Sam Staff' });
    await db.orm.em.fork().nativeUpdate(Profile, { id: staff.profile.id }, { isStaff: true });
    const console = await portalSignIn(staff.email);
    await console.goto(`${test.server.publicUrl}/console/platform`);
    const request = console.getByTestId('recovery-request').filter({ hasText: 'Orphan Works' });
    await request.waitFor();
    expect(await request.textContent()).toContain('Paul Proposed');
    await request.getByLabel('Note to the people involved (optional)').fill('Confirmed with the director by phone.');
    await screenshot(console, '51-console-platform-request');
    await request.getByRole('button', { name: 'Approve' }).click();
    await console.getByRole('dialog').getByTestId('confirm').click();
    await console.getByTestId('platform-notice').waitFor();

    expect((await proposed.client.workspace.get.query({ workspace: slug })).myRole).toBe('admin');
    const mail = await test.server.mailSink!.waitFor(proposed.email, (m) => m.subject === 'Orphan Works has a new administrator');
    expect(mail.text).toContain('Confirmed with the director by phone.');

    // Staff find the workspace by its name, see its seats and last sign-in, and change its plan in its row.
    await console.getByTestId('workspace-search').fill('Orphan');
    const row = console.getByTestId('platform-workspaces').locator(`tr[data-slug="${slug}"]`);
    await row.waitFor();
    // The dismissed admin freed their seat: the two members take one each.
    expect(await row.textContent()).toContain('2 of 12');
    await row.getByRole('combobox').selectOption('standard');
    await row.getByRole('button', { name: 'Change plan' }).click();
    await console.getByTestId('plan-changed').waitFor();
    await screenshot(console, '54-console-platform-workspaces');
    expect((await proposed.client.workspace.get.query({ workspace: slug })).plan).toBe('standard');

    // A domain the workspace verified, claimed by its rightful owner: staff release it, after a confirmation.
    const domain = `${slug}.example`;
    const em = db.orm.em.fork();
    const workspace = await em.findOneOrFail(Workspace, { slug });
    em.create(WorkspaceDomain, { workspace, domain, token: 'x'.repeat(32), verifiedAt: new Date() });
    await em.flush();
    const release = console.getByTestId('domain-release');
    await release.getByLabel('Domain').fill(domain);
    await release.getByLabel('Reason').fill('Its registrant showed the registrar’s invoice.');
    await release.getByRole('button', { name: 'Release the domain' }).click();
    await release.getByRole('dialog').getByTestId('confirm').click();
    await release.getByTestId('domain-release-notice').getByText(`${domain} was released from Orphan Works.`).waitFor();
    await screenshot(console, '55-console-platform-domain-released');
    expect(await db.orm.em.fork().count(WorkspaceDomain, { domain })).toBe(0);
  });

  it('reaches the admins who no longer answer: they are mailed, see it in the console and may refuse it; a wrong letter is told on its field', async () => {
    const { admin, slug, member: requester } = await test.workspaceWithMember({ admin: 'Quiet Quentin', workspace: 'Silent Shop', member: 'Rhea Requester' });
    await member(admin, slug, 'Pavel Proposed');
    const page = await portalSignIn(requester.email);
    await page.getByRole('link', { name: 'No administrator answering?' }).click();
    await page.getByLabel('Name of the former administrator').fill('Quiet Quentin');
    await page.getByLabel('Login of the former administrator').fill(admin.email);
    await page.getByLabel('Who should become administrator').selectOption({ label: 'Pavel Proposed' });
    await page.getByLabel('What happened').fill('Quentin has not answered anyone since the summer.');

    // Too big and of another kind are told before anything is sent; a file that only claims to be a PDF, by the API.
    await page.getByTestId('recovery-letter').setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(6 * 1024 * 1024, 0x25) });
    expect(await page.locator('#letter-error').textContent()).toBe('This file is larger than 5 MB.');
    await page.getByTestId('recovery-letter').setInputFiles({ name: 'letter.txt', mimeType: 'text/plain', buffer: Buffer.from('signed') });
    expect(await page.locator('#letter-error').textContent()).toBe('Attach a PDF, PNG or JPEG file.');
    await page.getByTestId('recovery-letter').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.locator('#letter-error').getByText('Attach a PDF, PNG or JPEG file.').waitFor();
    await screenshot(page, '52-portal-recovery-letter-error');

    await page.getByTestId('recovery-letter').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nSigned\n%%EOF') });
    await page.getByRole('button', { name: 'Send the request' }).click();
    expect(await page.getByTestId('recovery-filed').textContent()).toContain('The administrators were told and may refuse it until');
    await test.server.mailSink!.waitFor(admin.email, (mail) => mail.subject === 'Rhea Requester asked platform staff for a new administrator of Silent Shop');

    const console = await portalSignIn(admin.email);
    await console.goto(`${test.server.publicUrl}/console/${slug}`);
    const notice = console.getByTestId('pending-recovery');
    expect(await notice.textContent()).toContain('Rhea Requester asked platform staff to appoint Pavel Proposed as administrator');
    await screenshot(console, '53-console-pending-recovery');
    await notice.getByTestId('refuse-recovery').click();
    await console.locator('#refuse-note').fill('I am here — call me on my mobile.');
    await console.getByRole('dialog').getByTestId('confirm').click();
    await console.getByTestId('recovery-refused').waitFor();
    expect(await console.getByTestId('pending-recovery').count()).toBe(0);
    const refused = await test.server.mailSink!.waitFor(requester.email, (mail) => mail.subject === 'The request for a new administrator of Silent Shop was refused');
    expect(refused.text).toContain('I am here — call me on my mobile.');
  });
});

describe('four languages', () => {
  it('speaks the profile’s language first, whatever the browser prefers', async () => {
    const person = await people.signedIn({ name: 'Italo Profilo' });
    await db.orm.em.fork().nativeUpdate(Profile, { id: person.profile.id }, { locale: 'it' });
    const page = await portalSignIn(person.email, 'en-US');
    await page.getByRole('heading', { name: 'I miei spazi' }).waitFor();
  });

  const LOCALES = [
    { locale: 'en-US', signIn: 'Sign in', members: 'Members' },
    { locale: 'fr-FR', signIn: 'Se connecter', members: 'Membres' },
    { locale: 'de-DE', signIn: 'Anmelden', members: 'Mitglieder' },
    { locale: 'it-IT', signIn: 'Accedi', members: 'Membri' },
  ];
  /** vue-i18n shows a missing key as its dotted path: none may reach the page. */
  const RAW_KEY = /\b(?:nav|fields|signIn|signUp|errors|common|directory|workspace|invite|member|roles|statuses|plans|settings|audit|auditFields|auditValues|platform|security|recovery)\.[a-zA-Z_]+/;

  for (const { locale, signIn, members } of LOCALES) {
    it(`renders the portal sign-in and the console directory in ${locale} with no missing text`, async () => {
      const warnings: string[] = [];
      const context = await test.browser.newContext({ locale });
      const page = await context.newPage();
      page.on('console', (message) => {
        if (/not found|fall ?back/i.test(message.text())) warnings.push(message.text());
      });
      await page.goto(`${test.server.publicUrl}/signin`);
      await page.getByRole('heading', { name: signIn }).waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
      await screenshot(page, `60-portal-sign-in-${locale}`);

      const admin = await people.signedIn({ name: 'Lingua Admin' });
      // The profile's language wins over the browser's once signed in: give the admin this one.
      await db.orm.em.fork().nativeUpdate(Profile, { id: admin.profile.id }, { locale: locale.slice(0, 2) as 'en' | 'fr' | 'de' | 'it' });
      const slug = uniqueSlug('lingua');
      await admin.client.workspace.create.mutate({ name: 'Lingua', slug });
      await page.goto(`${test.server.publicUrl}/console/signin?workspace=${slug}`);
      await page.locator('#email').fill(admin.email);
      await page.locator('#password').fill(TEST_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.getByTestId('directory').waitFor();
      await page.getByRole('heading', { name: members }).first().waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
      await screenshot(page, `61-console-directory-${locale}`);

      // The audit trail and the person's security history tell every event in the language.
      await admin.client.workspace.updateSettings.mutate({ workspace: slug, sessionIdleMinutes: 30 });
      await page.goto(`${test.server.publicUrl}/console/${slug}/audit`);
      await page.getByTestId('audit').locator('tr[data-action="workspace.settings_changed"]').waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
      expect(await page.getByTestId('audit').innerText()).toContain('→ 30');
      await screenshot(page, `62-console-audit-${locale}`);
      await page.goto(`${test.server.publicUrl}/security`);
      await page.getByTestId('security-events').locator('tr[data-action="sign_in.succeeded"]').first().waitFor();
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
      await screenshot(page, `63-portal-security-history-${locale}`);

      // The other screens this release changed, each in the language, none with a missing text.
      const screens: [string, string][] = [
        [`/profile`, `64-portal-profile-${locale}`],
        [`/workspaces/${slug}/invite`, `65-portal-invite-colleagues-${locale}`],
        [`/console/${slug}/settings`, `66-console-settings-${locale}`],
        [`/console/platform`, `67-console-platform-refused-${locale}`],
        [`/console/${slug}/no/such/page`, `68-console-not-found-${locale}`],
      ];
      for (const [path, name] of screens) {
        await page.goto(`${test.server.publicUrl}${path}`);
        await page.locator('main h1, main h2').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
        await screenshot(page, name);
      }
      expect(warnings).toEqual([]);
      await context.close();
    });
  }
});
