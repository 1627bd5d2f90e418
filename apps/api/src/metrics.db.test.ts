import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@gatehouse/client';
import { useTestDatabase } from '@gatehouse/db/testing';
import { startTestServer } from './testing.ts';

const TOKEN = 'a-metrics-token-of-some-length';
const db = useTestDatabase();
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: db.url, env: { METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await server?.close();
});

const scrape = (token?: string) => fetch(`${server.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('/metrics', () => {
  it('exists only for a caller with the token', async () => {
    expect((await scrape()).status).toBe(404);
    expect((await scrape('not-the-token-at-all-no')).status).toBe(404);
    expect((await scrape(TOKEN)).status).toBe(200);
  });

  it('counts requests by procedure and status, and shows the pools, the outbox, the hashing queue and refusals', async () => {
    const anonymous = createClient({ url: server.url });
    await anonymous.auth.session.query();
    await anonymous.auth.requestPasswordReset.mutate({ email: 'metrics@example.test' });
    // The fourth reset mail for one address within the hour is refused.
    for (let i = 0; i < 3; i++) await anonymous.auth.requestPasswordReset.mutate({ email: 'metrics@example.test' }).catch(() => undefined);
    const text = await (await scrape(TOKEN)).text();
    expect(text).toMatch(/gatehouse_requests_total\{procedure="auth\.session",status="200"\} [1-9]/);
    expect(text).toMatch(/gatehouse_request_duration_seconds_bucket\{le="0\.005",procedure="auth\.requestPasswordReset"\}/);
    expect(text).toMatch(/gatehouse_db_pool_connections\{pool="main",state="open"\} \d/);
    expect(text).toMatch(/gatehouse_db_pool_waiting\{pool="directory"\} 0/);
    expect(text).toMatch(/gatehouse_outbox_backlog\{outbox="mail"\} \d/);
    expect(text).toMatch(/gatehouse_outbox_oldest_seconds\{outbox="mail"\} [\d.]/);
    expect(text).toMatch(/gatehouse_password_checks\{state="waiting"\} 0/);
    expect(text).toMatch(/gatehouse_rate_limit_refusals_total\{limit="resetMail"\} [1-9]/);
    expect(text).toContain('# TYPE gatehouse_job_lag_seconds gauge');
    // Unknown procedures never become labels of their own.
    await fetch(`${server.url}/trpc/no.suchProcedure`);
    expect(await (await scrape(TOKEN)).text()).not.toContain('no.suchProcedure');
  });
});
