import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSamlDirectory, testBrowser, TEST_PASSWORD, useTestDns, type SamlAccount, type SamlDirectory } from '@gatehouse/api-server/testing';
import { uniqueSlug } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

/*
 * A SAML directory connected the way an admin does it (the console reads
 * the directory's metadata), then a person signing in through it from the
 * portal: Chromium follows the redirect to the directory and posts its
 * signed answer back, as with a real Entra ID or Okta.
 */

const dns = useTestDns();
const test = useBrowserTest({ env: () => ({ DNS_SERVERS: dns.address }) });
const accounts = new Map<string, SamlAccount>();
let directory: SamlDirectory;
beforeAll(async () => {
  directory = await startSamlDirectory({ accounts, host: 'localhost' });
});
afterAll(async () => {
  await directory?.close();
});

describe('single sign-on over SAML', () => {
  it('is connected in the console from the directory’s metadata, signs a person in from the portal, and shows each sign-in and failure in plain words', async () => {
    const admin = await test.people.signedIn({ name: 'Sara Saml' });
    const slug = uniqueSlug('saml');
    await admin.client.workspace.create.mutate({ name: 'Assertion Works', slug });
    const domain = `${slug}.example`;
    const claimed = await admin.client.domains.add.mutate({ workspace: slug, domain });
    dns.records.set(claimed.record.name, [claimed.record.value]);
    await admin.client.domains.verify.mutate({ workspace: slug, domainId: claimed.id });

    const console = await test.consolePage(slug, admin.email);
    await console.getByTestId('nav-directory').click();
    const section = console.getByTestId('sso');
    await section.getByTestId('sso-empty').waitFor();
    await section.getByTestId('sso-add').click();
    const form = console.getByTestId('sso-form');
    await form.getByLabel('Name', { exact: true }).fill('Entra ID');
    await form.getByLabel('Metadata URL').fill(directory.metadataUrl);
    await form.getByTestId('sso-read-metadata').click();
    await form.getByTestId('sso-metadata-notice').waitFor();
    expect(await form.getByTestId('sso-entity-id').inputValue()).toBe(directory.entityId);
    expect(await form.getByTestId('sso-sso-url').inputValue()).toBe(directory.ssoUrl);
    await form.getByTestId('sso-name').scrollIntoViewIfNeeded();
    await screenshot(console, '114-console-sso-saml-metadata-read');
    await form.getByTestId('sso-role-attribute').fill('groups');
    await form.getByTestId('sso-mapping-add').click();
    await form.getByTestId('sso-mapping-value-0').fill('Gatehouse-Admins');
    await screenshot(console, '115-console-sso-saml-mapping');
    await form.getByTestId('sso-save').click();
    await section.getByTestId('sso-notice').getByText('“Entra ID” is connected.', { exact: false }).waitFor();

    const [connection] = await admin.client.sso.list.query({ workspace: slug });
    expect(connection).toMatchObject({ kind: 'saml', name: 'Entra ID', roleAttribute: 'groups', roleMappings: [{ value: 'Gatehouse-Admins', role: 'admin' }] });
    const card = section.getByTestId(`sso-connection-${connection!.id}`);
    expect(await card.getByTestId('sso-acs-url').textContent()).toBe(`${test.server.publicUrl}/auth/sso/${connection!.id}/acs`);
    expect(await card.getByTestId('sso-sp-entity-id').textContent()).toBe(`${test.server.publicUrl}/auth/sso/${connection!.id}/metadata`);
    await card.getByTestId('sso-test').click();
    await card.getByTestId('sso-test-result').getByText('The directory answers as configured', { exact: false }).waitFor();
    await screenshot(console, '116-console-sso-saml-connection');

    // A person at the company's domain, as the directory knows them.
    accounts.set(`nina@${domain}`, { nameId: `nina@${domain}`, attributes: { email: [`nina@${domain}`], displayName: ['Nina Network'], groups: ['gatehouse-admins'] } });
    const page = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${test.server.publicUrl}/signin`);
    await page.locator('#email').fill(`nina@${domain}`);
    await page.getByTestId('sso-choices').getByRole('link', { name: 'Continue with Entra ID' }).click();
    await page.waitForURL(`${test.server.publicUrl}/workspaces`);
    await page.getByText('Assertion Works').first().waitFor();
    await screenshot(page, '117-portal-signed-in-through-saml');
    const nina = (await admin.client.members.list.query({ workspace: slug, search: 'Nina', limit: 5 })).items[0];
    expect(nina).toMatchObject({ name: 'Nina Network', role: 'admin', status: 'active' });

    // An answer nobody asked for (and its signature stripped) is refused; the admin sees why.
    const forger = testBrowser(test.server.publicUrl);
    const genuine = await directory.respond(connection!.saml!.spEntityId, { account: accounts.get(`nina@${domain}`)!, inResponseTo: null });
    const unsigned = Buffer.from(Buffer.from(genuine.samlResponse, 'base64').toString('utf8').replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '')).toString('base64');
    expect((await forger.post(connection!.redirectUri, { SAMLResponse: unsigned })).status).toBe(303);

    await card.getByTestId('sso-events-toggle').click();
    const events = card.getByTestId('sso-events');
    await events.getByRole('row', { name: new RegExp(`nina@${domain}.*Signed in`) }).waitFor();
    await events.getByText('The directory began the sign-in itself, which this connection does not allow').waitFor();
    await screenshot(console, '118-console-sso-saml-events');

    // The admin now requires single sign-on for the domain: the sign-in page offers the directory only, and break-glass behind it.
    await console.getByRole('link', { name: 'Settings', exact: true }).click();
    const domainRow = console.getByTestId(`domain-${domain}`);
    await domainRow.getByRole('combobox').selectOption('sso');
    await console.getByTestId('domains-notice').waitFor();
    const later = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await later.goto(`${test.server.publicUrl}/signin`);
    await later.locator('#email').fill(`sara@${domain}`);
    await later.getByTestId('sso-choices').getByText('At Assertion Works, this address signs in through your company’s directory only.').waitFor();
    expect(await later.locator('#password').isVisible()).toBe(false);
    await screenshot(later, '119-portal-sso-required');
    await later.getByTestId('break-glass').click();
    await later.getByTestId('break-glass-note').waitFor();
    expect(await later.locator('#password').isVisible()).toBe(true);
    await screenshot(later, '120-portal-sso-break-glass');

    // Changing a connection is a sensitive change: signed in a while ago, the admin confirms it is them first.
    await test.signInsGrowOld(admin.email);
    await console.getByRole('link', { name: 'Directory', exact: true }).click();
    await section.getByTestId('sso-edit').click();
    await form.getByLabel('Default role').selectOption('extranet');
    await form.getByTestId('sso-save').click();
    // The page holds two such dialogs (single sign-on, SCIM tokens): the open one asks.
    const confirmIdentity = console.locator('[data-testid="reauth-form"]:visible');
    await confirmIdentity.waitFor();
    await screenshot(console, '121-console-sso-confirm-it-is-you');
    await confirmIdentity.getByLabel('Your password').fill(TEST_PASSWORD);
    await confirmIdentity.getByTestId('reauth-submit').click();
    await section.getByTestId('sso-notice').getByText('“Entra ID” was saved.').waitFor();
    expect((await admin.client.sso.list.query({ workspace: slug }))[0]).toMatchObject({ defaultRole: 'extranet' });
  });
});
