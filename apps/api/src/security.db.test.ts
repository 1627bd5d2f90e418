import { describe, expect, it, vi } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { totpCodeAt } from '@gatehouse/auth';
import { createClient, type GatehouseClient } from '@gatehouse/client';
import { Member, Profile, ProfileToken } from '@gatehouse/db';
import { uniqueEmail, uniqueSlug } from '@gatehouse/db/testing';
import { overloadedBody } from '@gatehouse/api';
import { linkIn } from '@gatehouse/mail';
import { failureOf, TEST_PASSWORD, tokenOf, useTestServer } from './testing.ts';

const test = useTestServer();
const { db, people } = test;

const secretOf = (link: string) => new URL(link).hash.slice(1);
const NEW_PASSWORD = 'a brand new passphrase for me';

async function resetLinkFor(email: string, after = 0): Promise<string> {
  const mail = await test.server.mailSink!.waitFor(email, (m) => m.subject === 'Choose a new password' && m.id > after);
  return secretOf(linkIn(mail, `${test.server.publicUrl}/reset-password#`));
}

/** Turns 2FA on for a person and returns the key an authenticator app would hold, and the recovery codes. */
async function withTwoFactor(client: GatehouseClient) {
  const { secret, otpauthUrl } = await client.twoFactor.setup.mutate();
  const uri = new URL(otpauthUrl);
  expect(uri.protocol).toBe('otpauth:');
  expect(Object.fromEntries(uri.searchParams)).toEqual({ secret, issuer: 'Gatehouse', algorithm: 'SHA1', digits: '6', period: '30' });
  const key = decodeBase32IgnorePadding(secret);
  const { recoveryCodes } = await client.twoFactor.enable.mutate({ code: totpCodeAt(key, new Date()) });
  return { key, recoveryCodes };
}

/** A TOTP code of a later time step than the one just used (so it is not a replay). */
const nextCode = (key: Uint8Array) => totpCodeAt(key, new Date(Date.now() + 30_000));

describe('password recovery', () => {
  it('answers the same for known and unknown addresses, mails the stored address, and works once', async () => {
    const person = await people.signedIn();
    const anonymous = await people.anonymous();
    expect(await anonymous.auth.requestPasswordReset.mutate({ email: uniqueEmail('nobody') })).toEqual({ ok: true });
    expect(await anonymous.auth.requestPasswordReset.mutate({ email: `  ${person.email.toUpperCase()}` })).toEqual({ ok: true });
    // Not an address at all: said plainly (this reveals nothing about who has an account).
    for (const email of ['', 'no-at-sign']) expect((await failureOf(anonymous.auth.requestPasswordReset.mutate({ email }))).appCode).toBe('INVALID_INPUT');
    const token = await resetLinkFor(person.email);

    const weak = await failureOf(anonymous.auth.resetPassword.mutate({ token, password: 'passwordpassword', passwordConfirm: 'passwordpassword' }));
    expect(weak.appCode).toBe('INVALID_INPUT');
    const mismatch = await failureOf(anonymous.auth.resetPassword.mutate({ token, password: NEW_PASSWORD, passwordConfirm: 'something else entirely' }));
    expect(mismatch.appCode).toBe('INVALID_INPUT');

    expect(await anonymous.auth.resetPassword.mutate({ token, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD })).toEqual({ email: person.email });
    expect(await person.client.auth.session.query()).toBeNull();
    expect((await failureOf(anonymous.auth.resetPassword.mutate({ token, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD }))).appCode).toBe('TOKEN_INVALID');
    expect((await anonymous.auth.signIn.mutate({ email: person.email, password: NEW_PASSWORD })).status).toBe('signed_in');
    const notice = await test.server.mailSink!.waitFor(person.email, (mail) => mail.subject === 'Your password was changed');
    expect(notice.text).toContain('Every other session was signed out');
  });

  it('refuses an expired link, and one issued before the password changed another way', async () => {
    const person = await people.signedIn();
    const anonymous = await people.anonymous();
    await anonymous.auth.requestPasswordReset.mutate({ email: person.email });
    const expired = await resetLinkFor(person.email);
    await db.orm.em.fork().nativeUpdate(ProfileToken, { profile: person.profile.id, purpose: 'reset_password' }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await failureOf(anonymous.auth.resetPassword.mutate({ token: expired, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD }))).appCode).toBe('TOKEN_EXPIRED');

    const seen = test.server.mailSink!.messages().at(-1)?.id ?? 0;
    await anonymous.auth.requestPasswordReset.mutate({ email: person.email });
    const stale = await resetLinkFor(person.email, seen);
    await person.client.profile.changePassword.mutate({ currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect((await failureOf(anonymous.auth.resetPassword.mutate({ token: stale, password: 'yet another passphrase here', passwordConfirm: 'yet another passphrase here' }))).appCode).toBe('TOKEN_INVALID');
  });

  it('never removes two-step verification: the next sign-in still asks for the code', async () => {
    const person = await people.signedIn();
    await withTwoFactor(person.client);
    const anonymous = await people.anonymous();
    await anonymous.auth.requestPasswordReset.mutate({ email: person.email });
    await anonymous.auth.resetPassword.mutate({ token: await resetLinkFor(person.email), password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect((await anonymous.auth.signIn.mutate({ email: person.email, password: NEW_PASSWORD })).status).toBe('two_factor_required');
  });
});

describe('login-email change', () => {
  it('needs the password, refuses a taken address, and changes only once confirmed from the new one', async () => {
    const person = await people.signedIn();
    const other = await people.signedIn();
    expect((await failureOf(person.client.profile.requestEmailChange.mutate({ newEmail: uniqueEmail(), password: 'not my password at all' }))).appCode).toBe('INVALID_CREDENTIALS');
    const taken = await failureOf(person.client.profile.requestEmailChange.mutate({ newEmail: other.email, password: TEST_PASSWORD }));
    expect(taken.appCode).toBe('EMAIL_TAKEN');
    // Not the sign-up wording: where it is taken (another profile's login) and the remedy.
    expect(taken.message).toContain('Another profile already signs in with this address');
    expect(taken.message).toContain('change that profile’s login email to another address you own, then come back here');

    const newEmail = uniqueEmail('moved');
    await person.client.profile.requestEmailChange.mutate({ newEmail, password: TEST_PASSWORD });
    const notice = await test.server.mailSink!.waitFor(person.email, (mail) => mail.subject === 'A change of your login email was requested');
    expect(notice.text).toContain(newEmail);
    expect((await person.client.profile.get.query()).email).toBe(person.email);

    const confirmation = await test.server.mailSink!.waitFor(newEmail);
    const anonymous = await people.anonymous();
    expect(await anonymous.profile.confirmEmailChange.mutate({ token: secretOf(linkIn(confirmation, `${test.server.publicUrl}/confirm-email#`)) })).toEqual({ email: newEmail });
    expect((await anonymous.auth.signIn.mutate({ email: newEmail, password: TEST_PASSWORD })).status).toBe('signed_in');
    expect((await failureOf(anonymous.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD }))).appCode).toBe('INVALID_CREDENTIALS');
  });
});

describe('two-step verification', () => {
  it('asks for a code after the password; a code is not accepted twice', async () => {
    const person = await people.signedIn();
    const { key } = await withTwoFactor(person.client);
    const anonymous = await people.anonymous();
    const first = await anonymous.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD, client: 'desktop' });
    if (first.status !== 'two_factor_required') throw new Error('expected a challenge');
    expect(first).not.toHaveProperty('token');
    expect((await failureOf(anonymous.auth.verifyTwoFactor.mutate({ challengeId: first.challengeId, code: '000000' }))).appCode).toBe('TWO_FACTOR_INVALID');
    const code = nextCode(key);
    const signedIn = await anonymous.auth.verifyTwoFactor.mutate({ challengeId: first.challengeId, code });
    // The token the second step hands out is a working session of this person.
    expect((await createClient({ url: test.server.url, token: tokenOf(signedIn) }).auth.session.query())?.profile.email).toBe(person.email);

    const second = await anonymous.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD, client: 'desktop' });
    if (second.status !== 'two_factor_required') throw new Error('expected a challenge');
    const replay = await failureOf(anonymous.auth.verifyTwoFactor.mutate({ challengeId: second.challengeId, code }));
    expect(replay.appCode).toBe('TWO_FACTOR_INVALID');
  });

  it('takes each recovery code once, even when the same code is sent twice at the same moment', async () => {
    const person = await people.signedIn();
    const { recoveryCodes } = await withTwoFactor(person.client);
    expect(recoveryCodes).toHaveLength(10);
    const anonymous = await people.anonymous();
    const challenge = async () => {
      const result = await anonymous.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD, client: 'desktop' });
      if (result.status !== 'two_factor_required') throw new Error('expected a challenge');
      return result.challengeId;
    };
    const [a, b] = [await challenge(), await challenge()];
    const results = await Promise.allSettled([
      anonymous.auth.verifyTwoFactor.mutate({ challengeId: a, recoveryCode: recoveryCodes[0]! }),
      anonymous.auth.verifyTwoFactor.mutate({ challengeId: b, recoveryCode: recoveryCodes[0]!.toUpperCase() }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const reused = await failureOf(anonymous.auth.verifyTwoFactor.mutate({ challengeId: await challenge(), recoveryCode: recoveryCodes[0]! }));
    expect(reused.appCode).toBe('TWO_FACTOR_INVALID');
    const next = await anonymous.auth.verifyTwoFactor.mutate({ challengeId: await challenge(), recoveryCode: recoveryCodes[1]! });
    expect(next).toMatchObject({ status: 'signed_in', recoveryCodesLeft: 8, fewRecoveryCodesLeft: false });
  });

  it('turns off only with the password and a valid code; new recovery codes need the password', async () => {
    const person = await people.signedIn();
    const { key } = await withTwoFactor(person.client);
    expect((await failureOf(person.client.twoFactor.disable.mutate({ password: TEST_PASSWORD, code: '123456' }))).appCode).toBe('TWO_FACTOR_INVALID');
    expect((await failureOf(person.client.twoFactor.disable.mutate({ password: 'wrong password here', code: nextCode(key) }))).appCode).toBe('INVALID_CREDENTIALS');
    expect((await failureOf(person.client.twoFactor.regenerateRecoveryCodes.mutate({ password: 'wrong password here' }))).appCode).toBe('INVALID_CREDENTIALS');
    expect((await person.client.twoFactor.regenerateRecoveryCodes.mutate({ password: TEST_PASSWORD })).recoveryCodes).toHaveLength(10);
    await person.client.twoFactor.disable.mutate({ password: TEST_PASSWORD, code: nextCode(key) });
    expect(await person.client.twoFactor.status.query()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect((await (await people.anonymous()).auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD })).status).toBe('signed_in');
  });

  it('says what is wrong when it is set up twice, confirmed before setup, or turned off while off', async () => {
    const person = await people.signedIn();
    expect((await failureOf(person.client.twoFactor.enable.mutate({ code: '123456' }))).appCode).toBe('TWO_FACTOR_SETUP_REQUIRED');
    expect((await failureOf(person.client.twoFactor.disable.mutate({ password: TEST_PASSWORD, code: '123456' }))).appCode).toBe('TWO_FACTOR_NOT_ENABLED');
    expect((await failureOf(person.client.twoFactor.regenerateRecoveryCodes.mutate({ password: TEST_PASSWORD }))).appCode).toBe('TWO_FACTOR_NOT_ENABLED');
    await withTwoFactor(person.client);
    const twice = await failureOf(person.client.twoFactor.setup.mutate());
    expect(twice).toEqual({ appCode: 'TWO_FACTOR_ALREADY_ENABLED', message: 'Two-step verification is already on for your profile.', fields: {} });
    expect((await person.client.twoFactor.status.query()).enabled).toBe(true);
  });

  it('keeps the TOTP secret encrypted at rest', async () => {
    const person = await people.signedIn();
    const { secret } = await person.client.twoFactor.setup.mutate();
    const stored = await db.orm.em.fork().findOneOrFail(Profile, { id: person.profile.id }, { populate: ['totpSecretEncrypted'] });
    expect(stored.totpSecretEncrypted).toBeTruthy();
    expect(stored.totpSecretEncrypted).not.toContain(secret);
    expect(Buffer.from(stored.totpSecretEncrypted!, 'base64url').includes(Buffer.from(decodeBase32IgnorePadding(secret)))).toBe(false);
  });

  it('lets an admin turn it off for sign-ins at their workspace only, confirmed by their password, ending the member’s sessions there', async () => {
    const admin = await people.signedIn({ name: 'Admin' });
    const slug = uniqueSlug();
    const otherSlug = uniqueSlug();
    await admin.client.workspace.create.mutate({ name: 'Secure Co', slug });
    const member = await people.signedIn();
    const other = await people.signedIn({ name: 'Other admin' });
    await other.client.workspace.create.mutate({ name: 'Other Co', slug: otherSlug });
    const [invited] = await admin.client.invitations.send.mutate({ workspace: slug, emails: [member.email] });
    await member.client.invitations.accept.mutate({ token: secretOf(linkIn(await test.server.mailSink!.waitFor(member.email, (m) => m.subject.includes('Secure Co')), `${test.server.publicUrl}/invitation#`)) });
    await other.client.invitations.send.mutate({ workspace: otherSlug, emails: [member.email] });
    await member.client.invitations.accept.mutate({ token: secretOf(linkIn(await test.server.mailSink!.waitFor(member.email, (m) => m.subject.includes('Other Co')), `${test.server.publicUrl}/invitation#`)) });
    const { key } = await withTwoFactor(member.client);
    const anonymous = await people.anonymous();
    const atWorkspace = await anonymous.auth.verifyTwoFactor.mutate({
      challengeId: ((await anonymous.auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD, workspace: slug, client: 'desktop' })) as { challengeId: string }).challengeId,
      code: nextCode(key),
    });
    const sessionAtWorkspace = createClient({ url: test.server.url, token: tokenOf(atWorkspace) });

    const tomorrow = new Date(Date.now() + 86_400_000);
    // Eleven minutes after the admin's sign-in, past the policy's ten: the change asks for proof.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    const unconfirmed = await failureOf(admin.client.members.resetTwoFactor.mutate({ workspace: slug, memberId: invited!.memberId!, until: tomorrow.toISOString() })).finally(() => vi.useRealTimers());
    expect(unconfirmed.appCode).toBe('REAUTHENTICATION_REQUIRED');
    expect((await failureOf(admin.client.members.resetTwoFactor.mutate({ workspace: slug, memberId: invited!.memberId!, password: 'not the password at all' }))).appCode).toBe('INVALID_CREDENTIALS');
    await admin.client.members.resetTwoFactor.mutate({ workspace: slug, memberId: invited!.memberId!, until: tomorrow.toISOString(), password: TEST_PASSWORD });

    // Only at Secure Co: the network and Other Co still ask for the code.
    expect((await anonymous.auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD, workspace: slug })).status).toBe('signed_in');
    expect((await anonymous.auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD })).status).toBe('two_factor_required');
    expect((await anonymous.auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD, workspace: otherSlug })).status).toBe('two_factor_required');
    // The session opened at Secure Co before the reset is over.
    expect(await sessionAtWorkspace.auth.session.query()).toBeNull();
    const told = await test.server.mailSink!.waitFor(member.email, (m) => m.subject === 'Two-step verification was turned off for you');
    expect(told.text).toContain('for your sign-ins at Secure Co until');
    expect(told.text).toContain('your second step is still asked');
    const status = await member.client.twoFactor.status.query();
    expect(status).toMatchObject({ enabled: true, exemptions: [{ workspace: { slug, name: 'Secure Co' }, until: tomorrow.toISOString() }] });
    const detail = await admin.client.members.get.query({ workspace: slug, memberId: invited!.memberId! });
    expect(detail.twoFactor).toEqual({ enabled: true, exempt: true, exemptUntil: tomorrow.toISOString() });

    // Once the date passes, the code is asked again there too.
    await db.orm.em.fork().nativeUpdate(Member, { id: invited!.memberId! }, { twoFactorExemptUntil: new Date(Date.now() - 1000) });
    expect((await anonymous.auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD, workspace: slug })).status).toBe('two_factor_required');

    // "For good": until the person sets it up again; their own authenticator still works everywhere else.
    await admin.client.members.resetTwoFactor.mutate({ workspace: slug, memberId: invited!.memberId!, password: TEST_PASSWORD });
    expect((await anonymous.auth.signIn.mutate({ email: member.email, password: TEST_PASSWORD, workspace: slug })).status).toBe('signed_in');
    expect((await member.client.twoFactor.status.query()).enabled).toBe(true);
    const audit = await admin.client.audit.list.query({ workspace: slug });
    expect(audit.items.filter((event) => event.action === 'two_factor.reset_by_admin')).toHaveLength(2);
  });
});

describe('brute-force defence', () => {
  it('blocks an account after repeated wrong passwords, even for the right one, and says when to retry', async () => {
    const person = await people.signedIn();
    const anonymous = await people.anonymous();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) codes.push((await failureOf(anonymous.auth.signIn.mutate({ email: person.email, password: `wrong password number ${i}` }))).appCode);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(codes[5]).toBe('RATE_LIMITED');
    try {
      await anonymous.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD });
      expect.unreachable();
    } catch (error) {
      const data = (error as { data: { appCode: string; retryAfterSeconds: number } }).data;
      expect(data.appCode).toBe('RATE_LIMITED');
      expect(data.retryAfterSeconds).toBeGreaterThan(60);
      expect((error as Error).message).toMatch(/Try again in \d+ seconds/);
    }
  });

  it('refuses password calls at the door, in tRPC’s own RATE_LIMITED shape, when hashing is saturated', async () => {
    const person = await people.signedIn();
    const wrong = () =>
      fetch(`${test.server.url}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: person.email, password: 'not the right one at all' }) });
    for (let i = 0; i < 5; i++) await wrong();
    const fromTrpc = await wrong();
    expect(fromTrpc.status).toBe(429);
    type Envelope = { error: { message: string; code: number; data: Record<string, unknown> } };
    const byTrpc = (await fromTrpc.json()) as Envelope;
    const atTheDoor = JSON.parse(overloadedBody(['auth.signIn'], 'en', 1, false)) as Envelope;
    expect(Object.keys(atTheDoor)).toEqual(Object.keys(byTrpc));
    expect(atTheDoor.error.code).toBe(byTrpc.error.code);
    // The same data but for how long to wait.
    expect({ ...atTheDoor.error.data, retryAfterSeconds: 0 }).toEqual({ ...byTrpc.error.data, retryAfterSeconds: 0 });
    expect(atTheDoor.error.message).toMatch(/Try again in 1 second/);
    const batch = JSON.parse(overloadedBody(['auth.signIn', 'auth.session'], 'fr', 1, true)) as { error: { data: { appCode: string; path: string } } }[];
    expect(batch.map((entry) => [entry.error.data.appCode, entry.error.data.path])).toEqual([
      ['RATE_LIMITED', 'auth.signIn'],
      ['RATE_LIMITED', 'auth.session'],
    ]);
  });

  it('forgets earlier failures once the right password is given', async () => {
    const person = await people.signedIn();
    const anonymous = await people.anonymous();
    const wrongTimes = async (count: number) => {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < count; i++) codes.push((await failureOf(anonymous.auth.signIn.mutate({ email: person.email, password: `wrong password again ${i}` }))).appCode);
      return codes;
    };
    await wrongTimes(4);
    expect((await anonymous.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD })).status).toBe('signed_in');
    expect(await wrongTimes(4)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
  });

  it('limits an unknown address exactly like a known one', async () => {
    const anonymous = await people.anonymous();
    const email = uniqueEmail('ghost');
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) codes.push((await failureOf(anonymous.auth.signIn.mutate({ email, password: `wrong password number ${i}` }))).appCode);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });

  it('counts every call inside one batch', async () => {
    const person = await people.signedIn();
    const anonymous = await people.anonymous();
    const batch = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => anonymous.auth.signIn.mutate({ email: person.email, password: `batched wrong ${i}` })));
    const codes = batch.map((result) => (result.status === 'rejected' ? (result.reason as { data?: { appCode?: string } }).data?.appCode : 'ok'));
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(2);
  });

  it('limits second-factor codes per profile', async () => {
    const person = await people.signedIn();
    await withTwoFactor(person.client);
    const anonymous = await people.anonymous();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      const challenge = await anonymous.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD });
      if (challenge.status !== 'two_factor_required') throw new Error('expected a challenge');
      codes.push((await failureOf(anonymous.auth.verifyTwoFactor.mutate({ challengeId: challenge.challengeId, code: String(100000 + i) }))).appCode);
    }
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });
});

describe('devices and the audit trail', () => {
  it('mails the person when a new device signs in, and lists security events for them', async () => {
    const person = await people.signedIn();
    const stranger = createClient({ url: test.server.url, headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Firefox/140.0' } });
    await stranger.auth.signIn.mutate({ email: person.email, password: TEST_PASSWORD, client: 'desktop' });
    const alert = await test.server.mailSink!.waitFor(person.email, (mail) => mail.subject === 'New sign-in to your profile');
    expect(alert.text).toContain('Firefox 140 · Windows');
    expect(alert.text).toContain(`${test.server.publicUrl}/sessions`);

    await (await people.anonymous()).auth.signIn.mutate({ email: person.email, password: 'not the right one here' }).catch(() => undefined);
    const events = await person.client.profile.securityEvents.query();
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(['sign_in.succeeded', 'sign_in.failed']));
  });
});
