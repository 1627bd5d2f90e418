import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { TEST_PASSWORD } from '@gatehouse/api-server/testing';
import { queryRows } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { screenshot, useBrowserTest } from './browser.ts';

const test = useBrowserTest();

/** The company's receiver: 503 while down, else 204; every request it took, verified with the secret the console showed. */
async function startReceiver() {
  const state = { up: false, taken: [] as { id: string; body: string; headers: Record<string, string> }[], attempts: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      state.attempts += 1;
      if (!state.up) return void res.writeHead(503).end();
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      state.taken.push({ id: headers['webhook-id']!, body, headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/gatehouse`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let receiver: Awaited<ReturnType<typeof startReceiver>> | null = null;
afterAll(async () => {
  await receiver?.close();
});

describe('webhooks in the console', () => {
  it('connects an endpoint with its secret shown once, shows retried deliveries of real membership changes, sends one again and removes the endpoint after a confirmation', async () => {
    receiver = await startReceiver();
    const admin = await test.people.signedIn({ name: 'Wanda Webhook' });
    const slug = uniqueSlug('hooks');
    await admin.client.workspace.create.mutate({ name: 'Hooked Industries', slug });

    const page = await test.consolePage(slug, admin.email);
    await page.goto(`${test.server.publicUrl}/console/${slug}`);
    await page.getByTestId('nav-integrations').click();
    await page.getByTestId('webhooks-empty').waitFor();
    await screenshot(page, '122-console-webhooks-empty');

    await page.getByTestId('webhook-new').click();
    const form = page.getByTestId('webhook-form');
    await form.getByLabel('Address').fill(receiver.url);
    await form.getByLabel('Description (optional)').fill('HR sync');
    await form.getByTestId('webhook-events-all').uncheck();
    await form.getByTestId('webhook-event-member.joined').check();
    await form.getByTestId('webhook-event-member.role_changed').check();
    await screenshot(page, '123-console-webhook-form');
    await form.getByTestId('webhook-save').click();
    const shown = page.getByTestId('webhook-secret');
    await shown.waitFor();
    const secret = await shown.getByTestId('webhook-secret-value').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, '124-console-webhook-secret');
    await shown.getByRole('button', { name: 'I stored it' }).click();
    await shown.waitFor({ state: 'detached' });
    const [endpoint] = await admin.client.webhooks.list.query({ workspace: slug });
    expect(endpoint).toMatchObject({ url: receiver.url, description: 'HR sync', events: ['member.joined', 'member.role_changed'] });

    // Real changes while the receiver is down: the first is tried and waits for its retry, the second behind it.
    const member = await admin.client.invitations.register.mutate({ workspace: slug, name: 'Rita Receiver', email: uniqueEmail('rita') });
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: member.id, role: 'extranet', password: TEST_PASSWORD });
    await expect.poll(() => receiver!.state.attempts, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await page.getByTestId(`webhook-deliveries-${endpoint!.id}`).click();
    const list = page.getByTestId(`webhook-delivery-list-${endpoint!.id}`);
    await list.getByText('answered 503', { exact: false }).first().waitFor();
    expect(await list.locator('[data-state="pending"]').count()).toBe(2);
    await screenshot(page, '125-console-webhook-retrying');

    // Back up: the waiting retry is due now (rather than in five seconds), and both arrive in order, signed.
    receiver.state.up = true;
    await queryRows(test.db.orm.em.fork(), `update webhook_delivery set next_attempt_at = now() where state = 'pending'`, []);
    await expect.poll(() => receiver!.state.taken.length, { timeout: 20_000 }).toBe(2);
    const verifier = new Webhook(secret);
    expect(receiver.state.taken.map((message) => (verifier.verify(message.body, message.headers) as { type: string }).type)).toEqual(['member.joined', 'member.role_changed']);
    await page.getByTestId(`webhook-refresh-${endpoint!.id}`).click();
    await expect.poll(() => list.locator('[data-state="delivered"]').count()).toBe(2);
    await page.getByTestId(`webhook-${endpoint!.id}`).getByText('Last delivered', { exact: false }).waitFor();
    await screenshot(page, '126-console-webhook-delivered');

    const joined = list.locator('[data-type="member.joined"]');
    await joined.getByRole('button', { name: 'Send again' }).click();
    await list.getByText('The event is on its way again.').waitFor();
    await expect.poll(() => receiver!.state.taken.length, { timeout: 15_000 }).toBe(3);
    expect(receiver.state.taken[2]!.id).toBe(receiver.state.taken[0]!.id);

    await page.getByTestId(`webhook-remove-${endpoint!.id}`).click();
    await page.getByRole('dialog').getByText(`Remove ${receiver.url}?`).waitFor();
    await page.getByRole('dialog').getByTestId('confirm').click();
    await page.getByTestId('webhooks-notice').getByText(`${receiver.url} was removed.`).waitFor();
    await page.getByTestId('webhooks-empty').waitFor();
    expect(await admin.client.webhooks.list.query({ workspace: slug })).toEqual([]);
  });
});
