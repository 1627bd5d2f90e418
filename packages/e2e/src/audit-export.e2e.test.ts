import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { queryRows } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();

describe('audit export in the console', () => {
  it('downloads the trail as filtered on the page, as a CSV file', async () => {
    const admin = await test.people.signedIn({ name: 'Ada Export' });
    const slug = uniqueSlug('export');
    await admin.client.workspace.create.mutate({ name: 'Exported Ltd', slug });
    await admin.client.invitations.register.mutate({ workspace: slug, name: 'Erik Exported', email: uniqueEmail('erik') });

    const page = await test.consolePage(slug, admin.email);
    await page.goto(`${test.server.publicUrl}/console/${slug}/audit`);
    await page.getByTestId('audit').waitFor();
    await page.getByTestId('audit-action').selectOption('member');
    await screenshot(page, '127-console-audit-export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-${slug}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe('time,action,actor,actor_type,actor_id,target,target_member_id,ip_address,user_agent,details');
    expect(rows.slice(1).map((row) => row.split(',')[1])).toEqual(['"member.registered"']);
    expect(rows[1]).toContain('"Erik Exported"');
  });

  it('lets the admin choose how long the trail is kept, in the workspace settings', async () => {
    const admin = await test.people.signedIn({ name: 'Rory Retention' });
    const slug = uniqueSlug('kept');
    await admin.client.workspace.create.mutate({ name: 'Kept Ltd', slug });
    await queryRows(test.db.orm.em.fork(), `update workspace set plan = 'standard' where slug = $1`, [slug]);

    const page = await test.consolePage(slug, admin.email);
    await page.goto(`${test.server.publicUrl}/console/${slug}/settings`);
    const retention = page.getByTestId('audit-retention');
    await retention.waitFor();
    expect(await retention.locator('option:checked').textContent()).toBe('Forever (the plan’s default)');
    await retention.selectOption({ label: '365 days' });
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Settings saved').first().waitFor();
    await screenshot(page, '133-console-settings-audit-retention');
    expect((await admin.client.workspace.get.query({ workspace: slug })).settings).toMatchObject({ auditRetentionDays: 365, auditKeptDays: 365 });
  });
});
