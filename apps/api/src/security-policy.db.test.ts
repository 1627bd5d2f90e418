import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCodeAt } from '@gatehouse/auth';
import { createClient } from '@gatehouse/client';
import { AuditEvent, Workspace } from '@gatehouse/db';
import { uniqueSlug } from '@gatehouse/db/testing';
import { linkIn } from '@gatehouse/mail';
import { cookieFetch, failureOf, TEST_PASSWORD, tokenOf, useTestServer } from './testing.ts';

const test = useTestServer();
const { db, people } = test;
const DAY = 86_400_000;

/** Moves the clock of the test and of the api process it runs (only `Date`; timers stay real). */
function clockAt(moment: number): void {
  vi.useFakeTimers({ toFake: ['Date'], now: moment });
}
afterEach(() => vi.useRealTimers());

async function workspaceWithAdmin(name = 'Policy Admin') {
  const admin = await people.signedIn({ name });
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name: `${name}'s company`, slug });
  return { admin, slug };
}
type Admin = Awaited<ReturnType<typeof workspaceWithAdmin>>['admin'];

async function activeMember(admin: Admin, slug: string, name = 'Policy Employee') {
  const person = await people.signedIn({ name });
  const [sent] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [person.email] });
  const mail = await test.server.mailSink!.waitFor(person.email);
  await person.client.invitations.accept.mutate({ token: new URL(linkIn(mail, `${test.server.publicUrl}/invitation#`)).hash.slice(1) });
  return { ...person, memberId: sent!.memberId! };
}

const anonymous = (locale?: string) => createClient({ url: test.server.url, ...(locale ? { locale } : {}) });

describe('the workspace security policy', () => {
  it('requires two-step verification with a grace period, lists and reminds who is missing, then allows only setting it up', async () => {
    const start = Date.now();
    const { admin, slug } = await workspaceWithAdmin();
    const employee = await activeMember(admin, slug);
    const { secret: adminSecret } = await admin.client.twoFactor.setup.mutate();
    await admin.client.twoFactor.enable.mutate({ code: totpCodeAt(decodeBase32IgnorePadding(adminSecret), new Date()) });
    await admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, twoFactorRequiredFor: 'everyone', twoFactorGraceDays: 7 });

    const policy = await employee.client.workspace.securityPolicy.query({ workspace: slug });
    expect(policy).toMatchObject({ twoFactorRequiredFor: 'everyone', twoFactorGraceDays: 7, recentSignInMinutes: 10 });
    const deadline = Date.parse(policy.you.twoFactorDeadline!);
    expect(deadline).toBeGreaterThanOrEqual(start + 7 * DAY);
    expect(deadline).toBeLessThan(Date.now() + 7 * DAY + 1000);

    const pending = await admin.client.workspace.twoFactorPending.query({ workspace: slug });
    // The admin has an authenticator app: only the employee is waited for.
    expect(pending).toMatchObject({ total: 1, items: [{ name: 'Policy Employee', memberId: employee.memberId, deadline: policy.you.twoFactorDeadline, overdue: false }] });
    expect((await failureOf(employee.client.workspace.twoFactorPending.query({ workspace: slug }))).appCode).toBe('FORBIDDEN');

    expect(await admin.client.workspace.remindTwoFactor.mutate({ workspace: slug, memberIds: [employee.memberId] })).toEqual({ reminded: 1 });
    const reminder = await test.server.mailSink!.waitFor(employee.email, (mail) => mail.subject === 'Policy Admin\'s company requires two-step verification');
    expect(reminder.text).toContain(`${test.server.publicUrl}/security`);
    const workspaceId = (await db.orm.em.fork().findOneOrFail(Workspace, { slug })).id;
    const audit = await db.orm.em.fork().find(AuditEvent, { workspaceId, action: { $like: 'security_policy.%' } }, { orderBy: { createdAt: 'asc' } });
    expect(audit.map((event) => [event.action, event.details])).toEqual([
      ['security_policy.updated', { changed: ['twoFactorRequiredFor', 'twoFactorGraceDays'] }],
      ['security_policy.reminded', { count: 1 }],
    ]);

    // Within the grace period the member works as before.
    clockAt(start + 6 * DAY);
    expect((await employee.client.members.list.query({ workspace: slug })).items).toHaveLength(2);

    // After it, a session working in the workspace is stopped, saying why…
    clockAt(start + 8 * DAY);
    const late = await failureOf(employee.client.members.list.query({ workspace: slug }));
    expect(late).toMatchObject({ appCode: 'TWO_FACTOR_REQUIRED_BY_POLICY', message: 'Your workspace requires two-step verification. Set up an authenticator app or a passkey to continue.' });
    expect((await admin.client.workspace.twoFactorPending.query({ workspace: slug })).items.find((item) => item.name === 'Policy Employee')?.overdue).toBe(true);

    // …and signing in there gives a session that can only set it up.
    const signedIn = await anonymous().auth.signIn.mutate({ email: employee.email, password: TEST_PASSWORD, workspace: slug, client: 'desktop' });
    expect(signedIn).toMatchObject({ status: 'signed_in', session: { setupOnly: true } });
    const setupOnly = createClient({ url: test.server.url, token: tokenOf(signedIn) });
    expect((await setupOnly.auth.session.query())?.session.setupOnly).toBe(true);
    expect((await setupOnly.profile.get.query()).email).toBe(employee.email);
    // One call at a time: a refusal is awaited where it is made, never left unhandled while another is awaited.
    for (const refused of [() => setupOnly.members.list.query({ workspace: slug }), () => setupOnly.sessions.list.query(), () => setupOnly.workspace.create.mutate({ name: 'Elsewhere', slug: uniqueSlug() })]) {
      expect((await failureOf(refused())).appCode).toBe('TWO_FACTOR_REQUIRED_BY_POLICY');
    }
    const { secret } = await setupOnly.twoFactor.setup.mutate();
    await setupOnly.twoFactor.enable.mutate({ code: totpCodeAt(decodeBase32IgnorePadding(secret), new Date()) });
    // Set up: the same session goes on, and the member is no longer waited for.
    expect((await setupOnly.auth.session.query())?.session.setupOnly).toBe(false);
    expect((await setupOnly.members.list.query({ workspace: slug })).items).toHaveLength(2);
    expect((await employee.client.members.list.query({ workspace: slug })).items).toHaveLength(2);
    expect(await admin.client.workspace.twoFactorPending.query({ workspace: slug })).toEqual({ items: [], total: 0 });
  });

  it('gives a member who joins later the whole grace period, and requires nothing of employees when only admins must', async () => {
    const start = Date.now();
    const { admin, slug } = await workspaceWithAdmin('Grace Admin');
    await admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, twoFactorRequiredFor: 'everyone', twoFactorGraceDays: 3 });
    clockAt(start + 2 * DAY);
    const employee = await activeMember(admin, slug, 'Late Joiner');
    expect(Date.parse((await employee.client.workspace.securityPolicy.query({ workspace: slug })).you.twoFactorDeadline!)).toBeGreaterThanOrEqual(start + 5 * DAY);
    clockAt(start + 4 * DAY);
    expect((await employee.client.members.list.query({ workspace: slug })).items).toHaveLength(2);
    // The admin's three days are over: only setting it up is left, even to change the policy back.
    expect((await failureOf(admin.client.members.list.query({ workspace: slug }))).appCode).toBe('TWO_FACTOR_REQUIRED_BY_POLICY');
    expect((await failureOf(admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, twoFactorRequiredFor: 'nobody' }))).appCode).toBe('TWO_FACTOR_REQUIRED_BY_POLICY');

    vi.useRealTimers();
    const other = await workspaceWithAdmin('Admins Only');
    const staff = await activeMember(other.admin, other.slug, 'Plain Employee');
    await other.admin.client.workspace.updateSecurityPolicy.mutate({ workspace: other.slug, twoFactorRequiredFor: 'admins', twoFactorGraceDays: 0 });
    expect((await staff.client.workspace.securityPolicy.query({ workspace: other.slug })).you.twoFactorDeadline).toBeNull();
    expect((await staff.client.members.list.query({ workspace: other.slug })).items).toHaveLength(2);
    expect((await failureOf(other.admin.client.members.list.query({ workspace: other.slug }))).appCode).toBe('TWO_FACTOR_REQUIRED_BY_POLICY');
  });

  it('allows only the ways in it names, per group, with an error naming them; refuses ways it does not offer and a change that would lock the admin out', async () => {
    const { admin, slug } = await workspaceWithAdmin('Ways Admin');
    const employee = await activeMember(admin, slug, 'Ways Employee');
    const other = await activeMember(admin, slug, 'Other Admin');
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: other.memberId, role: 'admin' });

    const unknown = await failureOf(admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, allowedWaysIn: { admins: null, members: ['social:nowhere'] } }));
    expect(unknown).toMatchObject({ appCode: 'INVALID_INPUT', fields: { 'allowedWaysIn.members': expect.any(String) } });
    const lockout = await failureOf(admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, allowedWaysIn: { admins: ['passkey'], members: null } }));
    expect(lockout.fields['allowedWaysIn.admins']).toBe('You could no longer sign in yourself: allow a way in you have (a password, a passkey, or a linked account).');
    const unchanged = await db.orm.em.fork().findOneOrFail(Workspace, { slug });
    expect(unchanged.allowedWaysIn).toEqual({ admins: null, members: null });

    await admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, allowedWaysIn: { admins: null, members: ['passkey'] } });
    // Told to the other admin, not to the one who changed it.
    const told = await test.server.mailSink!.waitFor(other.email, (mail) => mail.subject === 'The security policy of Ways Admin\'s company was changed');
    expect(told.text).toContain('Ways Admin changed the security policy');
    expect(test.server.mailSink!.messages().some((mail) => mail.to.includes(admin.email.toLowerCase()) && mail.subject.startsWith('The security policy'))).toBe(false);

    const refused = await failureOf(anonymous().auth.signIn.mutate({ email: employee.email, password: TEST_PASSWORD, workspace: slug, client: 'desktop' }));
    expect(refused).toMatchObject({ appCode: 'SIGN_IN_METHOD_NOT_ALLOWED', message: 'Your workspace does not allow signing in this way. Sign in with: passkey.' });
    const german = await failureOf(anonymous('de').auth.signIn.mutate({ email: employee.email, password: TEST_PASSWORD, workspace: slug, client: 'desktop' }));
    expect(german.message).toBe('Ihr Workspace erlaubt diese Anmeldeart nicht. Melden Sie sich an mit: Passkey.');
    // A session that signed in with a password elsewhere cannot work here either.
    expect((await failureOf(employee.client.members.list.query({ workspace: slug }))).appCode).toBe('SIGN_IN_METHOD_NOT_ALLOWED');
    // Admins are a group of their own: a password still serves them.
    expect((await other.client.members.list.query({ workspace: slug })).items).toHaveLength(3);
    // The network sign-in is nobody's workspace: it still takes the password.
    expect((await anonymous().auth.signIn.mutate({ email: employee.email, password: TEST_PASSWORD, client: 'desktop' })).status).toBe('signed_in');
  });

  it('caps browser sessions signed in at the workspace, whatever their activity', async () => {
    const start = Date.now();
    const { admin, slug } = await workspaceWithAdmin('Cap Admin');
    const employee = await activeMember(admin, slug, 'Capped Employee');
    await admin.client.workspace.updateSettings.mutate({ workspace: slug, sessionIdleMinutes: 480 });
    await admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, sessionMaxHours: 1 });
    expect((await admin.client.workspace.securityPolicy.query({ workspace: slug })).sessionMaxHours).toBe(1);

    const browser = createClient({ url: test.server.url, fetch: cookieFetch() });
    await browser.auth.signIn.mutate({ email: employee.email, password: TEST_PASSWORD, workspace: slug });
    clockAt(start + 50 * 60_000);
    expect((await browser.members.list.query({ workspace: slug })).items).toHaveLength(2);
    clockAt(start + 61 * 60_000);
    expect(await browser.auth.session.query()).toBeNull();
    // A desktop session renews itself: the cap is for browsers.
    expect((await employee.client.members.list.query({ workspace: slug })).items).toHaveLength(2);
  });

  it('asks for a recent sign-in before sensitive actions, and a confirmation renews it', async () => {
    const start = Date.now();
    const { admin, slug } = await workspaceWithAdmin('Recent Admin');
    const employee = await activeMember(admin, slug, 'Recent Employee');
    const second = await activeMember(admin, slug, 'Second Employee');
    // Within ten minutes of signing in, no confirmation is asked.
    await admin.client.members.setRole.mutate({ workspace: slug, memberId: second.memberId, role: 'extranet' });

    clockAt(start + 11 * 60_000);
    for (const call of [
      admin.client.members.setRole.mutate({ workspace: slug, memberId: employee.memberId, role: 'admin' }),
      admin.client.members.dismiss.mutate({ workspace: slug, memberId: employee.memberId }),
      admin.client.apiKeys.create.mutate({ workspace: slug, name: 'Too late', role: 'reader' }),
      admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, recentSignInMinutes: 30 }),
      admin.client.sso.create.mutate({ workspace: slug, kind: 'oidc', name: 'Late directory', oidc: { issuer: 'https://directory.example', clientId: 'x', clientSecret: 'y' } }),
    ]) {
      expect((await failureOf(call)).appCode).toBe('REAUTHENTICATION_REQUIRED');
    }
    expect((await db.orm.em.fork().findOneOrFail(Workspace, { slug })).recentSignInMinutes).toBe(10);
    expect((await failureOf(admin.client.members.dismiss.mutate({ workspace: slug, memberId: employee.memberId, password: 'not my password' }))).appCode).toBe('INVALID_CREDENTIALS');
    // The password confirms it, and the next sensitive actions in those minutes need nothing more.
    await admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, recentSignInMinutes: 30, password: TEST_PASSWORD });
    clockAt(start + 35 * 60_000);
    await admin.client.members.dismiss.mutate({ workspace: slug, memberId: employee.memberId });
    await admin.client.apiKeys.create.mutate({ workspace: slug, name: 'In time', role: 'reader' });
    expect(await admin.client.sso.list.query({ workspace: slug })).toEqual([]);
    await admin.client.sso.create.mutate({ workspace: slug, kind: 'oidc', name: 'Directory in time', oidc: { issuer: 'https://directory.example', clientId: 'x', clientSecret: 'y' } });
    clockAt(start + 42 * 60_000);
    expect((await failureOf(admin.client.members.rehire.mutate({ workspace: slug, memberId: employee.memberId }).then(() => admin.client.members.dismiss.mutate({ workspace: slug, memberId: employee.memberId })))).appCode).toBe('REAUTHENTICATION_REQUIRED');
  });

  it('validates its limits and changes nothing on bad input', async () => {
    const { admin, slug } = await workspaceWithAdmin('Limits Admin');
    const tooLong = await failureOf(admin.client.workspace.updateSecurityPolicy.mutate({ workspace: slug, twoFactorGraceDays: 91, sessionMaxHours: 0, recentSignInMinutes: 100_000 }));
    expect(tooLong.appCode).toBe('INVALID_INPUT');
    expect(Object.keys(tooLong.fields).sort()).toEqual(['recentSignInMinutes', 'sessionMaxHours', 'twoFactorGraceDays']);
    expect((await db.orm.em.fork().findOneOrFail(Workspace, { slug })).twoFactorGraceDays).toBe(14);
  });
});
