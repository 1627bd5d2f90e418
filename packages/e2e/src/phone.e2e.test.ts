import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { Profile } from '@gatehouse/db';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();
const { db, workspaceWithMember } = test;

/** A phone's screen: what people have in hand when they open a mailed link. */
const PHONE = { width: 390, height: 844 };

async function phonePage(url: string, email: string, locale = 'en-US'): Promise<Page> {
  const context = await test.browser.newContext({ locale, viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(TEST_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  return page;
}

/** Nothing sticks out sideways: the page never needs a horizontal scroll. */
async function expectFitsWidth(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** The element is on the screen, whole, once scrolled to (not cut off at the right edge). */
async function expectReachable(page: Page, locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

describe('on a phone, 390 px wide', () => {
  it('the portal: navigation, sign-out and every workspace action fit, in four languages', async () => {
    const { slug, member } = await workspaceWithMember({ admin: 'Phone Admin', workspace: 'Pocket Company With A Rather Long Name', member: 'Mia Mobile' });
    for (const locale of ['en', 'fr', 'de', 'it'] as const) {
      await db.orm.em.fork().nativeUpdate(Profile, { id: member.profile.id }, { locale });
      const page = await phonePage(`${test.server.publicUrl}/signin`, member.email);
      await page.getByTestId('workspace-list').waitFor();
      await expectFitsWidth(page);
      await expectReachable(page, page.getByRole('button', { name: /Sign out|Se déconnecter|Abmelden|Esci/ }));
      for (const link of await page.locator('.topbar nav a').all()) await expectReachable(page, link);
      for (const action of await page.getByTestId('workspace-list').locator('a').all()) await expectReachable(page, action);
      await screenshot(page, `90-phone-portal-workspaces-${locale}`);
      for (const path of ['/profile', '/security', '/sessions', `/workspaces/${slug}/tasks`]) {
        await page.goto(`${test.server.publicUrl}${path}`);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        await expectFitsWidth(page);
      }
      await screenshot(page, `91-phone-portal-sessions-${locale}`);
      await page.context().close();
    }
  });

  it('the console: the directory, a member’s page with its actions, the settings and the audit trail fit', async () => {
    const { admin, slug, memberId } = await workspaceWithMember({ admin: 'Console Phone', workspace: 'Pocket Console', member: 'Max Mobile' });
    await admin.client.members.update.mutate({ workspace: slug, memberId, position: 'A very long position title that somebody pasted in full from the contract '.repeat(2).trim() });
    await db.orm.em.fork().nativeUpdate(Profile, { id: admin.profile.id }, { locale: 'de' });
    const page = await phonePage(`${test.server.publicUrl}/console/signin?workspace=${slug}`, admin.email, 'de-DE');
    await page.getByTestId('directory').waitFor();
    await expectFitsWidth(page);
    await expectReachable(page, page.getByRole('button', { name: 'Abmelden' }));
    await expectReachable(page, page.getByTestId('open-invite'));
    await screenshot(page, '92-phone-console-directory-de');

    await page.getByTestId('directory').getByRole('link', { name: 'Max Mobile' }).click();
    await page.getByTestId('dismiss-member').waitFor();
    await expectFitsWidth(page);
    for (const button of await page.locator('section.card .actions button').all()) await expectReachable(page, button);
    await screenshot(page, '93-phone-console-member-de');

    for (const path of ['settings', 'audit']) {
      await page.goto(`${test.server.publicUrl}/console/${slug}/${path}`);
      await page.locator('section.card h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      if (path === 'settings') await screenshot(page, '95-phone-console-settings-de');
      await expectFitsWidth(page);
    }
    await screenshot(page, '94-phone-console-audit-de');
  });
});
