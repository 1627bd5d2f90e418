import { afterAll, describe, expect, it } from 'vitest';
import { uniqueSlug } from '@gatehouse/db/testing';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { screenshot, useBrowserTest } from './browser.ts';
import { startRelyingParty, type RelyingParty } from './relying-party.ts';

const test = useBrowserTest();
const { signedInPage, workspaceWithMember } = test;
const parties: RelyingParty[] = [];
afterAll(() => Promise.all(parties.map((party) => party.close())));

describe('an app of the workspace signing people in through Gatehouse', () => {
  it('is registered in the console, and signs a member in with the portal’s pages, consent and the workspace’s claims; an outsider is refused', async () => {
    const { admin, slug, member } = await workspaceWithMember({ admin: 'Alma Admin', workspace: 'Acme Wiki Co', member: 'Max Member' });
    const wiki = await startRelyingParty(test.server.publicUrl);
    parties.push(wiki);

    // The admin registers the app in the console and copies its secret, shown once.
    const console = await signedInPage(`${test.server.publicUrl}/console/signin?workspace=${slug}`, admin.email);
    await console.getByTestId('directory').waitFor();
    await console.getByTestId('nav-apps').click();
    await console.getByTestId('apps-empty').waitFor();
    await console.getByTestId('app-new').click();
    await console.locator('#app-name').fill('Acme Wiki');
    await console.locator('#app-redirects').fill('http://wiki.example.com/callback');
    await console.getByTestId('app-save').click();
    // Plain http outside localhost is refused under its box, in words.
    await console.getByText('Use an https address; plain http only to localhost.').waitFor();
    await console.locator('#app-redirects').fill(wiki.callback);
    await console.getByTestId('app-save').click();
    const secret = await console.getByTestId('app-secret-value').inputValue();
    expect(secret).toMatch(/^ghs_/);
    await screenshot(console, '90-console-app-registered');
    const [app] = await admin.client.apps.list.query({ workspace: slug });
    await wiki.register(app!.id, secret);
    await console.getByText('I stored it').click();
    expect(await console.getByTestId('app-secret').count()).toBe(0);

    // A member opens the app: Gatehouse's own sign-in page, then consent, then back in the app with the claims.
    const page = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${wiki.url}/login`);
    await page.getByRole('heading', { name: 'Sign in to Acme Wiki' }).waitFor();
    await screenshot(page, '91-app-sign-in');
    await page.locator('#email').fill(member.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.getByTestId('consent-claims').waitFor();
    expect(await page.getByTestId('consent-claims').locator('li').allTextContents()).toContain('your role and status in this workspace');
    await screenshot(page, '92-app-consent');
    await page.getByTestId('consent-allow').click();
    await page.getByTestId('rp-user').waitFor();
    expect(await page.getByTestId('rp-user').textContent()).toBe(`Max Member · ${member.email}`);
    expect(JSON.parse((await page.getByTestId('rp-claims').textContent())!)).toMatchObject({ workspace: { slug, role: 'employee', status: 'active' }, amr: ['pwd'] });

    // The member finds the app on the security page and takes the access back.
    await page.goto(`${test.server.publicUrl}/security`);
    const granted = page.getByTestId('granted-apps');
    await granted.getByText('Acme Wiki', { exact: true }).waitFor();
    await screenshot(page, '94-portal-granted-apps');
    await page.getByTestId(`revoke-app-${app!.id}`).click();
    await page.getByRole('dialog', { name: 'Take back the access of Acme Wiki?' }).getByTestId('confirm').click();
    await page.getByText('Acme Wiki no longer has access.').waitFor();
    await page.getByTestId('apps-none').waitFor();

    // Someone with a profile but no place in this workspace is told so, with the seeds' advice.
    const outsider = await test.people.signedIn({ name: 'Otto Outsider' });
    await outsider.client.workspace.create.mutate({ name: 'Elsewhere', slug: uniqueSlug('ws') });
    // In the person's own language.
    await outsider.client.profile.update.mutate({ locale: 'fr' });
    const stranger = await signedInPage(`${test.server.publicUrl}/signin`, outsider.email, 'fr-FR');
    await stranger.getByTestId('workspace-list').waitFor();
    await stranger.goto(`${wiki.url}/login`);
    const refusal = stranger.getByTestId('app-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('NO_ACCESS');
    await stranger.getByText(`Vous êtes connecté en tant que ${outsider.email}`).waitFor();
    await screenshot(stranger, '93-app-refused-fr');
    await stranger.getByTestId('back-to-app').click();
    await stranger.getByTestId('rp-error').waitFor();
    expect(await stranger.getByTestId('rp-error').textContent()).toBe('access_denied');
    // The page an app's sign-out request lands on (its form and secret are the provider's; tested over HTTP).
    await stranger.goto(`${test.server.publicUrl}/app-sign-out?xsrf=not-a-real-one`);
    await stranger.getByTestId('sign-out-yes').waitFor();
    await screenshot(stranger, '95-app-sign-out-fr');
  });
});
