import { describe, expect, it } from 'vitest';
import { useTestDns } from '@gatehouse/api-server/testing';
import { uniqueSlug } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const dns = useTestDns();
const test = useBrowserTest({ env: () => ({ DNS_SERVERS: dns.address }) });

describe('SCIM provisioning in the console', () => {
  it('gives the endpoint and a token shown once, lists what the directory sent, maps a group to a role, and revokes the token after a confirmation', async () => {
    const admin = await test.people.signedIn({ name: 'Sam Scim' });
    const slug = uniqueSlug('scim');
    await admin.client.workspace.create.mutate({ name: 'Directory Works', slug });
    const domain = `${slug}.example`;
    const claimed = await admin.client.domains.add.mutate({ workspace: slug, domain });
    dns.records.set(claimed.record.name, [claimed.record.value]);
    await admin.client.domains.verify.mutate({ workspace: slug, domainId: claimed.id });

    const page = await test.consolePage(slug, admin.email);
    await page.goto(`${test.server.publicUrl}/console/${slug}`);
    await page.getByTestId('nav-directory').click();
    const section = page.getByTestId('scim');
    await section.getByTestId('scim-tokens-empty').waitFor();
    await page.getByTestId('scim-groups-empty').waitFor();
    const endpoint = await section.getByTestId('scim-endpoint').inputValue();
    expect(endpoint).toBe(`${test.server.publicUrl}/scim/v2/${slug}`);

    await section.getByLabel('Name').fill('Entra ID');
    await section.getByTestId('scim-token-create').click();
    const made = page.getByTestId('scim-token-made');
    await made.waitFor();
    const token = await made.getByTestId('scim-token-made-value').inputValue();
    expect(token).toMatch(/^ghscim_/);
    await screenshot(page, '110-console-scim-token-made');
    await made.getByRole('button', { name: 'I stored it' }).click();
    await made.waitFor({ state: 'detached' });

    // The directory provisions two people and a group, with the endpoint and token as pasted.
    const scim = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${endpoint}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' }, body: JSON.stringify(body) });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return (await response.json()) as { id: string };
    };
    const user = (email: string, displayName: string) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: email, displayName, active: true, emails: [{ primary: true, value: email }] });
    const ines = await scim('POST', '/Users', user(`ines@${domain}`, 'Ines Import'));
    await scim('POST', '/Users', user(`olaf@${domain}`, 'Olaf Outside'));
    await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Partners', members: [{ value: ines.id }] });

    await page.reload();
    const groups = page.getByTestId('scim-groups');
    const partners = groups.getByRole('row', { name: /Partners/ });
    await partners.waitFor();
    await partners.getByLabel('Role the group Partners gives').selectOption('extranet');
    await page.getByTestId('scim-notice').getByText('Members of “Partners” are now Extranet.', { exact: false }).waitFor();
    expect((await admin.client.members.list.query({ workspace: slug, limit: 10, search: 'Ines' })).items[0]).toMatchObject({ name: 'Ines Import', role: 'extranet' });
    const row = section.getByRole('row', { name: /Entra ID/ });
    expect(await row.getByText('Never used').count()).toBe(0);
    await screenshot(page, '111-console-scim-directory');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByText('Revoke “Entra ID”?').waitFor();
    await page.getByRole('dialog').getByTestId('confirm').click();
    await page.getByTestId('scim-notice').getByText('The token “Entra ID” was revoked', { exact: false }).waitFor();
    const refused = await fetch(`${endpoint}/Users`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
  });
});
