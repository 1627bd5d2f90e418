/**
 * Security regressions: each test reproduces a finding of the black-box
 * sweep (ASVS 5.0 / SP 800-63B-4) against the product over HTTP and SMTP,
 * and fails on the code the finding was made against.
 */
import { describe, expect, it } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCodeAt } from '@gatehouse/auth';
import { appCodeOf, createClient, type GatehouseClient } from '@gatehouse/client';
import { AuditEvent, Member, Profile, Workspace } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { linkIn } from '@gatehouse/mail';
import { cookieFetch, failureOf, startTestServer, TEST_PASSWORD, tokenOf, useTestServer } from './testing.ts';

const test = useTestServer();
const { db, people } = test;

const secretOf = (link: string) => new URL(link).hash.slice(1);
const NEW_PASSWORD = 'a brand new passphrase for me';
type Person = Awaited<ReturnType<typeof people.signedIn>>;

async function workspaceOf(admin: Person, name = 'Acme Corp') {
  const slug = uniqueSlug();
  await admin.client.workspace.create.mutate({ name, slug });
  return slug;
}

async function invitationToken(admin: Person, slug: string, email: string, role: 'admin' | 'employee' = 'employee') {
  const [result] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [email], role });
  if (!result?.ok) throw new Error(`invitation failed: ${result?.appCode}`);
  const mail = await test.server.mailSink!.waitFor(email, (m) => m.text.includes('/invitation#'));
  return { memberId: result.memberId!, token: secretOf(linkIn(mail, `${test.server.publicUrl}/invitation#`)) };
}

async function resetLink(email: string, after = 0): Promise<string> {
  const mail = await test.server.mailSink!.waitFor(email, (m) => m.subject === 'Choose a new password' && m.id > after);
  return secretOf(linkIn(mail, `${test.server.publicUrl}/reset-password#`));
}


async function withTwoFactor(client: GatehouseClient) {
  const { secret } = await client.twoFactor.setup.mutate();
  const key = decodeBase32IgnorePadding(secret);
  const { recoveryCodes } = await client.twoFactor.enable.mutate({ code: totpCodeAt(key, new Date()) });
  return { key, recoveryCodes };
}
const nextCode = (key: Uint8Array, steps = 1) => totpCodeAt(key, new Date(Date.now() + steps * 30_000));

describe('invitations are bound to the invited mailbox', () => {
  it('gives a forwarded link nothing without the code mailed to the invited address, and binds that code to the profile that asked', async () => {
    const admin = await people.signedIn({ name: 'Admin' });
    const slug = await workspaceOf(admin);
    const invited = uniqueEmail('invited');
    const { token } = await invitationToken(admin, slug, invited, 'admin');
    const holder = await people.signedIn({ name: 'Link Holder' });
    // A look-alike login: a Cyrillic "е" in place of the Latin "e" (made directly, as sign-up would refuse it now).
    const lookalike = await people.signedIn({ email: invited.replace('invited', 'invit\u0435d') });

    for (const person of [holder, lookalike]) {
      expect((await failureOf(person.client.invitations.accept.mutate({ token }))).appCode).toBe('MAILBOX_PROOF_REQUIRED');
    }
    await holder.client.invitations.sendCode.mutate({ token });
    const code = /\b(\d{6})\b/.exec((await test.server.mailSink!.waitFor(invited, (m) => m.subject.startsWith('Your code')))!.text)![1]!;
    // The code was asked for by the holder: it proves nothing for anyone else.
    expect((await failureOf(lookalike.client.invitations.accept.mutate({ token, mailboxCode: code }))).appCode).toBe('TWO_FACTOR_INVALID');
    // Five wrong codes kill it.
    for (let i = 0; i < 5; i++) await failureOf(holder.client.invitations.accept.mutate({ token, mailboxCode: code === '999999' ? '999998' : '999999' }));
    expect((await failureOf(holder.client.invitations.accept.mutate({ token, mailboxCode: code }))).appCode).toMatch(/TWO_FACTOR_INVALID|RATE_LIMITED/);
    expect(await db.orm.em.fork().count(Member, { workspace: { slug }, profile: holder.profile.id })).toBe(0);
  });

  it('accepts an admin invitation as an employee once its inviter is no longer an admin', async () => {
    const creator = await people.signedIn({ name: 'Creator' });
    const slug = await workspaceOf(creator);
    const inviter = await people.signedIn({ name: 'Second admin' });
    const first = await invitationToken(creator, slug, inviter.email, 'admin');
    await inviter.client.invitations.accept.mutate({ token: first.token });
    const newcomer = await people.signedIn({ name: 'Newcomer' });
    const sent = await invitationToken(inviter, slug, newcomer.email, 'admin');
    await creator.client.members.setRole.mutate({ workspace: slug, memberId: first.memberId, role: 'employee', password: TEST_PASSWORD });

    expect(await newcomer.client.invitations.accept.mutate({ token: sent.token })).toMatchObject({ role: 'employee' });
    const accepted = await db.orm.em.fork().findOneOrFail(AuditEvent, { action: 'member.invitation_accepted', targetMemberId: sent.memberId });
    expect(accepted.details).toMatchObject({ role: 'employee', invitedRole: 'admin' });
  });

  it('refuses a password built on the workspace’s name', async () => {
    const admin = await people.signedIn();
    const slug = await workspaceOf(admin, 'Quorvexa Holdings');
    const invited = uniqueEmail('fresh');
    const { token } = await invitationToken(admin, slug, invited);
    const anonymous = await people.anonymous();
    const weak = await failureOf(anonymous.invitations.accept.mutate({ token, name: 'Fresh', password: 'QuorvexaHoldings!7', passwordConfirm: 'QuorvexaHoldings!7' }));
    expect(weak.appCode).toBe('INVALID_INPUT');
  });
});

describe('recovery ends what an attacker started', () => {
  it('kills a pending login-email change when the owner resets the password', async () => {
    const victim = await people.signedIn();
    const attackerAddress = uniqueEmail('attacker');
    await victim.client.profile.requestEmailChange.mutate({ newEmail: attackerAddress, password: TEST_PASSWORD });
    const change = secretOf(linkIn(await test.server.mailSink!.waitFor(attackerAddress), `${test.server.publicUrl}/confirm-email#`));
    const anonymous = await people.anonymous();
    await anonymous.auth.requestPasswordReset.mutate({ email: victim.email });
    await anonymous.auth.resetPassword.mutate({ token: await resetLink(victim.email), password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect((await failureOf(anonymous.profile.confirmEmailChange.mutate({ token: change }))).appCode).toBe('TOKEN_INVALID');
    expect((await db.orm.em.fork().findOneOrFail(Profile, { id: victim.profile.id })).email).toBe(victim.email);
  });

  it('kills a reset link mailed before the login email changed', async () => {
    const person = await people.signedIn();
    const anonymous = await people.anonymous();
    await anonymous.auth.requestPasswordReset.mutate({ email: person.email });
    const stale = await resetLink(person.email);
    const newEmail = uniqueEmail('moved');
    await person.client.profile.requestEmailChange.mutate({ newEmail, password: TEST_PASSWORD });
    await anonymous.profile.confirmEmailChange.mutate({ token: secretOf(linkIn(await test.server.mailSink!.waitFor(newEmail), `${test.server.publicUrl}/confirm-email#`)) });
    expect((await failureOf(anonymous.auth.resetPassword.mutate({ token: stale, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD }))).appCode).toBe('TOKEN_INVALID');
  });

  it('asks for the second step too before changing the login email of a profile that has one', async () => {
    const person = await people.signedIn();
    const { key } = await withTwoFactor(person.client);
    const newEmail = uniqueEmail('next');
    expect((await failureOf(person.client.profile.requestEmailChange.mutate({ newEmail, password: TEST_PASSWORD }))).appCode).toBe('REAUTHENTICATION_REQUIRED');
    expect(await person.client.profile.requestEmailChange.mutate({ newEmail, password: TEST_PASSWORD, code: nextCode(key) })).toEqual({ sentTo: newEmail });
  });
});

describe('brute force', () => {
  it('checks no more passwords than the limit allows when ten arrive in one batch, the right one last', async () => {
    const person = await people.signedIn();
    const anonymous = await people.anonymous();
    const attempts = [...Array.from({ length: 9 }, (_, i) => `wrong password number ${i}`), TEST_PASSWORD];
    // The typed client sends calls made in one tick as one batched request.
    const results = await Promise.allSettled(attempts.map((password) => anonymous.auth.signIn.mutate({ email: person.email, password, client: 'desktop' })));
    const refused = results.filter((result) => result.status === 'rejected' && appCodeOf(result.reason) === 'RATE_LIMITED');
    expect(10 - refused.length).toBeLessThanOrEqual(5);
    expect(appCodeOf((results.at(-1) as PromiseRejectedResult).reason)).toBe('RATE_LIMITED');
  });

  it('counts the spellings of one IPv6 host, and every host of one /64, as one client', async () => {
    // Behind one trusted proxy, whose X-Forwarded-For names the client.
    const proxied = await startTestServer({ databaseUrl: db.url, env: { TRUST_PROXY: '1' } });
    try {
      const preview = (address: string) =>
        fetch(`${proxied.url}/trpc/invitations.preview?input=${encodeURIComponent(JSON.stringify({ token: 'a'.repeat(32) }))}`, { headers: { 'x-forwarded-for': address } });
      const spellings = (i: number) => [`2001:db8:1:2::${i.toString(16)}`, `2001:DB8:1:2:0:0:0:${i.toString(16)}`, `2001:0db8:0001:0002::${i.toString(16)}`][i % 3]!;
      // Redeeming links is limited to 100 tries per client in 15 minutes.
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) statuses.push((await preview(spellings(i))).status);
      expect(statuses.every((status) => status === 400)).toBe(true);
      expect((await preview('2001:db8:1:2:ffff:ffff:ffff:fffe')).status).toBe(429);
      // Another /64 is another client.
      expect((await preview('2001:db8:1:3::1')).status).toBe(400);
      // An IPv4 client is one client however it is spelt.
      for (let i = 0; i < 100; i++) await preview(i % 2 ? '192.0.2.7' : '::ffff:192.0.2.7');
      expect((await preview('::ffff:c000:207')).status).toBe(429);
    } finally {
      await proxied.close();
    }
  });

  it('lets the owner in after a reset, and an admin lift the lockout, while a browser that signed in before keeps its own allowance', async () => {
    const admin = await people.signedIn();
    const slug = await workspaceOf(admin);
    const person = await people.signedIn();
    const { token } = await invitationToken(admin, slug, person.email);
    await person.client.invitations.accept.mutate({ token });
    const memberId = (await admin.client.members.list.query({ workspace: slug, search: person.email })).items[0]!.id;

    // The owner's browser signs in once: it is a known device from now on.
    const browser = cookieFetch();
    const signIn = (fetcher: typeof fetch, password: string) =>
      fetcher(`${test.server.url}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: person.email, password }) });
    expect((await signIn(browser, TEST_PASSWORD)).status).toBe(200);

    const attacker = await people.anonymous();
    for (let i = 0; i < 6; i++) await failureOf(attacker.auth.signIn.mutate({ email: person.email, password: `guess number ${i} of many` }));
    expect((await failureOf(attacker.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD }))).appCode).toBe('RATE_LIMITED');
    // The owner's own browser is not locked out by someone else's guesses.
    expect((await signIn(browser, TEST_PASSWORD)).status).toBe(200);
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'sign_in.locked', targetProfileId: person.profile.id })).toBe(1);

    await admin.client.members.unlockSignIn.mutate({ workspace: slug, memberId });
    expect((await attacker.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD })).status).toBe('signed_in');

    for (let i = 0; i < 6; i++) await failureOf(attacker.auth.signIn.mutate({ email: person.email, password: `guess number ${i} again` }));
    await attacker.auth.requestPasswordReset.mutate({ email: person.email });
    await attacker.auth.resetPassword.mutate({ token: await resetLink(person.email), password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect((await attacker.auth.signIn.mutate({ email: person.email, password: NEW_PASSWORD })).status).toBe('signed_in');
  });
});

describe('mail-sending doors', () => {
  it('stops an inviter after a hundred invitation mails in an hour, saying when to retry', async () => {
    const admin = await people.signedIn();
    const slug = await workspaceOf(admin);
    await db.orm.em.fork().nativeUpdate(Workspace, { slug }, { plan: 'enterprise' });
    const first = await admin.client.invitations.send.mutate({ workspace: slug, emails: Array.from({ length: 100 }, () => uniqueEmail('bulk')) });
    expect(first.every((result) => result.ok)).toBe(true);
    const [refused] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [uniqueEmail('one-too-many')] });
    expect(refused).toMatchObject({ ok: false, appCode: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refused!.retryAfterSeconds!).toBeGreaterThan(60);
  });

  it('answers the join link alike for a taken and a new address, field by field, and mails the owner instead', async () => {
    const admin = await people.signedIn();
    const slug = await workspaceOf(admin);
    const link = await admin.client.joinLink.update.mutate({ workspace: slug, enabled: true });
    const token = secretOf(link.url);
    const owner = await people.signedIn({ name: 'Owner' });
    const anonymous = await people.anonymous();
    const join = (email: string) => anonymous.joinLink.join.mutate({ token, email, name: 'Someone', password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    const taken = await join(owner.email);
    const fresh = await join(uniqueEmail('fresh'));
    expect(taken).toEqual(fresh);
    const told = await test.server.mailSink!.waitFor(owner.email, (m) => m.subject.startsWith('Someone tried to join'));
    expect(told.text).toContain('already has a Gatehouse profile');
    expect(await db.orm.em.fork().count(Member, { workspace: { slug }, profile: owner.profile.id })).toBe(0);
  });
});

describe('temporary passwords', () => {
  it('signs in once with a generated password, and never after its lifetime', async () => {
    const admin = await people.signedIn();
    const slug = await workspaceOf(admin);
    const email = uniqueEmail('registered');
    await admin.client.invitations.register.mutate({ workspace: slug, name: 'Registered', email });
    const mail = await test.server.mailSink!.waitFor(email);
    expect(mail.text).toContain('This password works for one sign-in');
    const password = /\b([a-z2-7]{4}(?:-[a-z2-7]{4}){3})\b/.exec(mail.text)![1]!;
    const anonymous = await people.anonymous();
    expect((await anonymous.auth.signIn.mutate({ email, password, client: 'desktop' })).status).toBe('signed_in');
    expect((await failureOf(anonymous.auth.signIn.mutate({ email, password }))).appCode).toBe('TEMPORARY_PASSWORD_EXPIRED');

    const other = uniqueEmail('late');
    await admin.client.invitations.register.mutate({ workspace: slug, name: 'Late', email: other });
    const late = /\b([a-z2-7]{4}(?:-[a-z2-7]{4}){3})\b/.exec((await test.server.mailSink!.waitFor(other)).text)![1]!;
    await db.orm.em.fork().nativeUpdate(Profile, { email: other }, { temporaryPasswordExpiresAt: new Date(Date.now() - 1000) });
    expect((await failureOf(anonymous.auth.signIn.mutate({ email: other, password: late }))).appCode).toBe('TEMPORARY_PASSWORD_EXPIRED');
  });
});

describe('people are told', () => {
  it('mails when 2FA is turned off, when a recovery code is used (and how many are left), and when the password was right but the code wrong', async () => {
    const person = await people.signedIn();
    const { key, recoveryCodes } = await withTwoFactor(person.client);
    expect(recoveryCodes.every((code) => code.replace(/-/g, '').length * 5 >= 64)).toBe(true);
    const anonymous = await people.anonymous();
    const challenge = async () => ((await anonymous.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD })) as { challengeId: string }).challengeId;

    const pending = await challenge();
    await failureOf(anonymous.auth.verifyTwoFactor.mutate({ challengeId: pending, code: '000000' }));
    await failureOf(anonymous.auth.verifyTwoFactor.mutate({ challengeId: pending, code: '000001' }));
    await test.server.mailSink!.waitFor(person.email, (m) => m.subject === 'Your password was used, but the second step failed');

    await anonymous.auth.verifyTwoFactor.mutate({ challengeId: await challenge(), recoveryCode: recoveryCodes[0]! });
    const used = await test.server.mailSink!.waitFor(person.email, (m) => m.subject === 'A recovery code was used to sign in');
    expect(used.text).toContain('9 unused codes are left');

    await person.client.twoFactor.disable.mutate({ password: TEST_PASSWORD, code: nextCode(key) });
    await test.server.mailSink!.waitFor(person.email, (m) => m.subject === 'Two-step verification was turned off');
    // One mail per sign-in attempt with a wrong code, not one per code.
    expect(test.server.mailSink!.messages().filter((m) => m.to.includes(person.email) && m.subject.includes('second step failed'))).toHaveLength(1);
  });
});

describe('sessions', () => {
  it('lets an admin end a member’s sessions there, and a rehired member’s old session never comes back', async () => {
    const admin = await people.signedIn();
    const slug = await workspaceOf(admin);
    const member = await people.signedIn();
    const { token, memberId } = await invitationToken(admin, slug, member.email);
    await member.client.invitations.accept.mutate({ token });
    expect((await member.client.members.list.query({ workspace: slug })).items.length).toBeGreaterThan(0);

    await admin.client.members.dismiss.mutate({ workspace: slug, memberId });
    await admin.client.members.rehire.mutate({ workspace: slug, memberId });
    // The network session from before the dismissal cannot act in the workspace again.
    expect((await failureOf(member.client.members.list.query({ workspace: slug }))).appCode).toBe('UNAUTHENTICATED');
    const fresh = createClient({ url: test.server.url, token: tokenOf(await (await people.anonymous()).auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD, client: 'desktop' })) });
    expect((await fresh.members.list.query({ workspace: slug })).items.length).toBeGreaterThan(0);

    const atWorkspace = createClient({ url: test.server.url, token: tokenOf(await (await people.anonymous()).auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD, workspace: slug, client: 'desktop' })) });
    expect(await admin.client.members.endSessions.mutate({ workspace: slug, memberId })).toEqual({ ended: 1 });
    expect(await atWorkspace.auth.session.query()).toBeNull();
    expect((await failureOf(fresh.members.list.query({ workspace: slug }))).appCode).toBe('UNAUTHENTICATED');
    // Other workspaces and the profile itself are untouched.
    expect(await fresh.auth.session.query()).not.toBeNull();
    // The person's own history tells them; membership events stay in the workspace's trail.
    const history = (await fresh.profile.securityEvents.query()).map((event) => event.action);
    expect(history).toContain('member.sessions_ended');
    expect(history).not.toContain('member.invitation_accepted');
  });

  it('asks for the password before ending another device’s session', async () => {
    const person = await people.signedIn();
    const other = await (await people.anonymous()).auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD, client: 'desktop' });
    const id = (other as { session: { id: string } }).session.id;
    expect((await failureOf(person.client.sessions.revoke.mutate({ id }))).appCode).toBe('REAUTHENTICATION_REQUIRED');
    await person.client.sessions.revoke.mutate({ id, password: TEST_PASSWORD });
    expect((await person.client.sessions.list.query()).map((session) => session.id)).not.toContain(id);
  });

  it('clears the browser’s site data at sign-out, never caches answers, and forbids a <base>', async () => {
    const browser = cookieFetch();
    const person = await people.signedIn();
    await browser(`${test.server.url}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: person.email, password: TEST_PASSWORD }) });
    for (const path of ['auth.session', 'profile.get', 'sessions.list']) {
      expect((await browser(`${test.server.url}/trpc/${path}`)).headers.get('cache-control'), path).toBe('no-store');
    }
    const signedOut = await browser(`${test.server.url}/trpc/auth.signOut`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(signedOut.headers.get('clear-site-data')).toBe('"cache", "storage"');
    expect(signedOut.headers.get('cache-control')).toBe('no-store');
    expect(signedOut.headers.get('content-security-policy')).toContain("base-uri 'none'");
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'session.signed_out', targetProfileId: person.profile.id })).toBe(1);
  });
});

describe('rehire and re-invite', () => {
  it('points a re-invitation of a dismissed member to rehiring, which takes the role the admin chooses', async () => {
    const admin = await people.signedIn();
    const slug = await workspaceOf(admin);
    const former = await people.signedIn();
    const { token, memberId } = await invitationToken(admin, slug, former.email, 'admin');
    await former.client.invitations.accept.mutate({ token });
    await admin.client.members.dismiss.mutate({ workspace: slug, memberId });
    const [again] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [former.email], role: 'employee' });
    expect(again).toEqual({ email: former.email, ok: false, appCode: 'MEMBER_DISMISSED', memberId });
    expect(await admin.client.members.rehire.mutate({ workspace: slug, memberId, role: 'employee' })).toMatchObject({ status: 'active', role: 'employee' });
  });
});

describe('the audit trail', () => {
  it('records refused admin calls and calls from outside, with the request’s id, which every answer carries', async () => {
    const admin = await people.signedIn();
    const slug = await workspaceOf(admin);
    const employee = await people.signedIn();
    const { token } = await invitationToken(admin, slug, employee.email);
    await employee.client.invitations.accept.mutate({ token });
    const stranger = await people.signedIn();

    expect((await failureOf(employee.client.joinLink.get.query({ workspace: slug }))).appCode).toBe('FORBIDDEN');
    expect((await failureOf(stranger.client.workspace.get.query({ workspace: slug }))).appCode).toBe('NOT_FOUND');
    const answer = await fetch(`${test.server.url}/trpc/workspace.get?input=${encodeURIComponent(JSON.stringify({ workspace: slug }))}`, { headers: { authorization: `Bearer ${stranger.token}` } });
    const requestId = answer.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const refused = await db.orm.em.fork().find(AuditEvent, { action: 'access.refused', workspaceId: (await db.orm.em.fork().findOneOrFail(Workspace, { slug })).id }, { orderBy: { createdAt: 'asc' } });
    expect(refused.map((event) => [event.actorProfileId, event.details?.reason])).toEqual([
      [employee.profile.id, 'not_an_admin'],
      [stranger.profile.id, 'not_a_member'],
      [stranger.profile.id, 'not_a_member'],
    ]);
    expect(refused.at(-1)!.requestId).toBe(requestId);
    expect(refused[0]!.details).toMatchObject({ procedure: 'joinLink.get' });
  });
});

describe('hostile text', () => {
  it('refuses NUL, control, bidirectional and zero-width characters in every name and address with INVALID_INPUT, never a 500', async () => {
    const admin = await people.signedIn();
    const slug = await workspaceOf(admin);
    const anonymous = await people.anonymous();
    const bad = ['Ada\u0000', 'Ada\u0007', 'Ada\u202eecila', 'A\u200bda', 'Ada\r\nBcc: x@example.test'];
    for (const text of bad) {
      const calls: (() => Promise<unknown>)[] = [
        () => admin.client.profile.update.mutate({ name: text }),
        () => admin.client.workspace.create.mutate({ name: text, slug: uniqueSlug() }),
        () => admin.client.workspace.updateSettings.mutate({ workspace: slug, name: text }),
        () => admin.client.members.list.query({ workspace: slug, search: text }),
        () => admin.client.invitations.register.mutate({ workspace: slug, name: text, email: uniqueEmail() }),
        () => anonymous.auth.signUp.mutate({ email: uniqueEmail(), password: NEW_PASSWORD, name: text }),
        () => anonymous.auth.signUp.mutate({ email: `x${text}@example.test`, password: NEW_PASSWORD, name: 'Someone' }),
        () => anonymous.auth.signIn.mutate({ email: `x${text}@example.test`, password: NEW_PASSWORD }),
      ];
      for (const call of calls) expect((await failureOf(call())).appCode, JSON.stringify(text)).toBe('INVALID_INPUT');
    }
    // A multi-line message keeps its line breaks but not other controls.
    const [ok] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [uniqueEmail()], message: 'Hello,\nwelcome aboard.' });
    expect(ok!.ok).toBe(true);
    expect((await failureOf(admin.client.invitations.send.mutate({ workspace: slug, emails: [uniqueEmail()], message: 'Hello\u0000' }))).appCode).toBe('INVALID_INPUT');
    const [nul] = await admin.client.invitations.send.mutate({ workspace: slug, emails: ['a\u0000b@example.test', '<script>.x@example.test', 'an\u200bna@example.test'] });
    expect(nul).toMatchObject({ ok: false, appCode: 'INVALID_INPUT' });
  });

  it('takes the longest values allowed, all together, without a 500', async () => {
    const anonymous = await people.anonymous();
    // 64 + 1 + 189 = 254 characters: the longest address RFC 5321 allows.
    const email = `${'l'.repeat(58)}${Math.random().toString(36).slice(2, 8)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(56)}.test`;
    expect(email.length).toBe(254);
    const password = 'x'.repeat(200) + ' long passphrase of mine';
    expect(await anonymous.auth.signUp.mutate({ email, password: password.slice(0, 256), name: 'N'.repeat(200) })).toEqual({ status: 'verification_sent', email });
    const admin = await people.signedIn({ name: 'M'.repeat(200) });
    const slug = uniqueSlug();
    await admin.client.workspace.create.mutate({ name: 'W'.repeat(120), slug });
    const [sent] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [email], message: 'm'.repeat(2000) });
    expect(sent!.ok).toBe(true);
    const memberId = (await admin.client.members.list.query({ workspace: slug, search: 'lll' })).items[0]!.id;
    await admin.client.members.update.mutate({ workspace: slug, memberId, position: 'P'.repeat(200), mailboxEmail: email });
    for (const position of ['Chief\u0000', 'Chief \u202eofficer']) {
      expect((await failureOf(admin.client.members.update.mutate({ workspace: slug, memberId, position }))).appCode).toBe('INVALID_INPUT');
    }
  });

  it('sends an invitation whose inviter and workspace have the longest names allowed', async () => {
    const admin = await people.signedIn({ name: 'N'.repeat(200) });
    const slug = uniqueSlug();
    await admin.client.workspace.create.mutate({ name: 'W'.repeat(120), slug });
    const email = uniqueEmail('long');
    const [result] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [email] });
    expect(result!.ok).toBe(true);
    const mail = await test.server.mailSink!.waitFor(email);
    expect([...mail.subject].length).toBeLessThanOrEqual(300);
    expect(mail.subject.endsWith('…')).toBe(true);
  });
});

describe('lifetimes are settings', () => {
  it('ends reset links and invitations when the operator says, not only after an hour and a week', async () => {
    const brief = await startTestServer({ databaseUrl: db.url, env: { RESET_LINK_LIFETIME: '1s', INVITATION_LIFETIME: '1s' } });
    try {
      const person = await people.signedIn();
      const anonymous = createClient({ url: brief.url });
      await anonymous.auth.requestPasswordReset.mutate({ email: person.email });
      const mail = await brief.mailSink!.waitFor(person.email, (m) => m.subject === 'Choose a new password');
      const token = secretOf(linkIn(mail, `${brief.publicUrl}/reset-password#`));
      const admin = createClient({ url: brief.url, token: tokenOf(await anonymous.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD, client: 'desktop' })) });
      const slug = uniqueSlug();
      await admin.workspace.create.mutate({ name: 'Brief Co', slug });
      const invited = uniqueEmail('brief');
      await admin.invitations.send.mutate({ workspace: slug, emails: [invited] });
      const invitation = secretOf(linkIn(await brief.mailSink!.waitFor(invited), `${brief.publicUrl}/invitation#`));
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await failureOf(anonymous.auth.resetPassword.mutate({ token, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD }))).appCode).toBe('TOKEN_EXPIRED');
      expect((await failureOf(anonymous.invitations.preview.query({ token: invitation }))).appCode).toBe('TOKEN_EXPIRED');
    } finally {
      await brief.close();
    }
  });
});
