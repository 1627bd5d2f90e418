import { describe, expect, it } from 'vitest';
import { appCodeOf, createClient } from '@gatehouse/client';
import { useTestDatabase } from '@gatehouse/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { seedDemoIfEmpty } from './seed-demo.ts';
import { startTestServer } from './testing.ts';

const db = useTestDatabase();
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ databaseUrl: db.url });
});
afterAll(async () => {
  await server?.close();
});

describe('the demo workspace on an empty database', () => {
  it('prints a password that signs in once and must be replaced at once', async () => {
    const demo = await seedDemoIfEmpty(db.orm);
    expect(demo).not.toBeNull();
    const anonymous = createClient({ url: server.url });
    const first = await anonymous.auth.signIn.mutate({ email: demo!.email, password: demo!.password, client: 'desktop' });
    if (first.status !== 'signed_in' || !first.token) throw new Error('expected a signed-in desktop session');
    const admin = createClient({ url: server.url, token: first.token });
    await expect(admin.workspace.get.query({ workspace: demo!.slug })).rejects.toSatisfy((error) => appCodeOf(error) === 'PASSWORD_CHANGE_REQUIRED');
    await expect(anonymous.auth.signIn.mutate({ email: demo!.email, password: demo!.password })).rejects.toSatisfy((error) => appCodeOf(error) === 'TEMPORARY_PASSWORD_EXPIRED');
    await admin.profile.changePassword.mutate({ currentPassword: demo!.password, password: 'my own demo passphrase', passwordConfirm: 'my own demo passphrase' });
    expect((await admin.workspace.get.query({ workspace: demo!.slug })).slug).toBe(demo!.slug);
    expect(await seedDemoIfEmpty(db.orm)).toBeNull();
  });
});
