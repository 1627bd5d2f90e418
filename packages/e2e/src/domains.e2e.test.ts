import { describe, expect, it } from 'vitest';
import { useTestDns } from '@gatehouse/api-server/testing';
import { uniqueSlug } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const dns = useTestDns();
const test = useBrowserTest({ env: () => ({ DNS_SERVERS: dns.address }) });

describe('email domains in the console', () => {
  it('are added, shown with the record to create, checked until the record is there, given a join mode, and removed after a confirmation', async () => {
    const admin = await test.people.signedIn({ name: 'Dina Domains' });
    const slug = uniqueSlug('dom');
    await admin.client.workspace.create.mutate({ name: 'Domain Works', slug });
    const domain = `${slug}.example`;
    const page = await test.consolePage(slug, admin.email);
    await page.goto(`${test.server.publicUrl}/console/${slug}/settings`);
    const section = page.getByTestId('domains');
    await section.getByTestId('domains-empty').waitFor();

    // A bad domain is named at its field.
    await section.getByLabel('Domain', { exact: true }).fill('localhost');
    await section.getByTestId('domain-add').click();
    await section.getByText('Enter an email domain, such as example.com.').waitFor();

    await section.getByLabel('Domain', { exact: true }).fill(`Someone@${domain.toUpperCase()}`);
    await section.getByTestId('domain-add').click();
    const row = section.getByTestId(`domain-${domain}`);
    await row.waitFor();
    expect(await row.getByTestId('record-name').textContent()).toBe(`_gatehouse-challenge.${domain}`);
    const value = (await row.getByTestId('record-value').textContent())!;
    expect(value).toMatch(/^gatehouse-domain-verification=/);

    await row.getByTestId('domain-verify').click();
    await section.getByTestId('domains-error').getByText('The TXT record was not found.', { exact: false }).waitFor();
    await row.getByTestId('check-problem').getByText('The record was not found.').waitFor();
    await screenshot(page, '107-console-domain-record-to-create');

    dns.records.set(`_gatehouse-challenge.${domain}`, [value]);
    await row.getByTestId('domain-verify').click();
    await section.getByTestId('domains-notice').getByText(`${domain} is verified.`).waitFor();
    expect(await row.getByText('Verified', { exact: true }).count()).toBe(1);
    await row.getByLabel('People with an address there').selectOption('suggest');
    await section.getByTestId('domains-notice').getByText('Saved.').waitFor();
    expect((await admin.client.domains.list.query({ workspace: slug }))[0]).toMatchObject({ status: 'verified', joinMode: 'suggest' });
    await screenshot(page, '108-console-domain-verified');

    // A colleague with an address there sees the workspace in the portal and asks to join; the admin sees the request.
    const colleague = await test.people.signedIn({ email: `cole@${domain}`, name: 'Cole League' });
    const portal = await test.signedInPage(`${test.server.publicUrl}/signin`, colleague.email);
    const suggestion = portal.getByTestId('suggested-workspaces');
    await suggestion.getByText('Domain Works').waitFor();
    await screenshot(portal, '109-portal-suggested-workspace');
    await suggestion.getByTestId(`join-${slug}`).click();
    await portal.getByTestId('suggested-notice').getByText('Your request to join Domain Works was sent; an administrator decides.').waitFor();
    await suggestion.waitFor({ state: 'detached' });
    expect((await admin.client.members.list.query({ workspace: slug, status: 'awaiting_approval', limit: 10 })).items.map((member) => member.name)).toEqual(['Cole League']);

    await row.getByTestId('domain-remove').click();
    await page.getByRole('dialog').getByText(`Remove ${domain}?`).waitFor();
    await page.getByRole('dialog').getByTestId('confirm').click();
    await section.getByTestId('domains-empty').waitFor();
    expect(await admin.client.domains.list.query({ workspace: slug })).toEqual([]);
  });
});
