import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { useTestServer } from '@gatehouse/api-server/testing';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Kept as test artifacts so a person can look at what the test saw. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * What every browser test file needs: the api test server (its own database,
 * the built SPAs) plus Debian's Chromium, started before the file's tests and
 * stopped after.
 */
export function useBrowserTest() {
  const test = useTestServer();
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    db: test.db,
    people: test.people,
    get server() {
      return test.server;
    },
    get browser() {
      if (!browser) throw new Error('useBrowserTest(): the browser is ready only inside tests');
      return browser;
    },
  };
}
