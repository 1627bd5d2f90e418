import { afterAll, describe, expect, it } from 'vitest';
import { startCompanyDirectory, useTestDns, type DirectoryAccount } from '@gatehouse/api-server/testing';
import { uniqueSlug } from '@gatehouse/db/testing';
import { freePort } from '@gatehouse/embedded-postgres';
import { screenshot, useBrowserTest } from './browser.ts';

const dns = useTestDns();
const test = useBrowserTest({ env: () => ({ DNS_SERVERS: dns.address }) });
let directory: Awaited<ReturnType<typeof startCompanyDirectory>> | undefined;
afterAll(async () => {
  await directory?.close();
});

describe('single sign-on in the portal', () => {
  it('offers the company directory from the address typed, signs the person in there, and brings them back a member of the workspace', async () => {
    const admin = await test.people.signedIn({ name: 'Ida Identity' });
    const slug = uniqueSlug('sso');
    await admin.client.workspace.create.mutate({ name: 'Directory Signers', slug });
    const domain = `${slug}.example`;
    const claimed = await admin.client.domains.add.mutate({ workspace: slug, domain });
    dns.records.set(claimed.record.name, [claimed.record.value]);
    await admin.client.domains.verify.mutate({ workspace: slug, domainId: claimed.id });
    const port = await freePort();
    const connection = await admin.client.sso.create.mutate({ workspace: slug, kind: 'oidc', name: 'Acme Directory', oidc: { issuer: `http://127.0.0.1:${port}`, clientId: 'gatehouse', clientSecret: 'the-directory-secret' } });
    const accounts = new Map<string, DirectoryAccount>([['kim', { email: `kim@${domain}`, email_verified: true, name: 'Kim Directory' }]]);
    directory = await startCompanyDirectory({ port, clients: [{ clientId: 'gatehouse', clientSecret: 'the-directory-secret', redirectUris: [connection.redirectUri] }], accounts });

    const page = await (await test.browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${test.server.publicUrl}/signin`);
    await page.locator('#email').fill(`kim@${domain}`);
    const choices = page.getByTestId('sso-choices');
    await choices.getByText('Directory Signers signs you in through your company’s directory.').waitFor();
    await screenshot(page, '112-portal-sso-offered');
    await choices.getByRole('link', { name: 'Continue with Acme Directory' }).click();

    // The directory's own pages: its login form, then its consent.
    await page.locator('input[name="login"]').fill('kim');
    await page.locator('input[name="password"]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${test.server.publicUrl}/workspaces`);
    await page.getByText('Directory Signers').first().waitFor();
    await screenshot(page, '113-portal-signed-in-through-sso');
    const members = await admin.client.members.list.query({ workspace: slug, limit: 10 });
    expect(members.items.map((member) => member.name).sort()).toEqual(['Ida Identity', 'Kim Directory']);
    expect((await admin.client.sso.events.query({ workspace: slug, connectionId: connection.id }))[0]).toMatchObject({ succeeded: true, email: `kim@${domain}` });
  });
});
