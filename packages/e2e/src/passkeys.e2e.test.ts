import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appCodeOf, createClient } from '@gatehouse/client';
import { Passkey, Profile } from '@gatehouse/db';
import { screenshot, useBrowserTest } from './browser.ts';
import { authenticatorOn, pageWithoutAutofill } from './virtual-authenticator.ts';

const test = useBrowserTest();
const { people } = test;

async function freshPage(): Promise<Page> {
  return (await test.browser.newContext({ locale: 'en-US' })).newPage();
}

const withoutAutofill = () => pageWithoutAutofill(test.browser);

describe('passkeys', () => {
  it('are added on the security page, sign in alone without an email, and a copied one is refused', async () => {
    const person = await people.signedIn({ name: 'Pia Passkey' });
    const page = await test.signedInPage(`${test.server.publicUrl}/signin`, person.email);
    await page.getByTestId('signed-in-as').waitFor();
    const authenticator = await authenticatorOn(page);
    await page.goto(`${test.server.publicUrl}/security`);
    await page.getByTestId('passkeys-empty').waitFor();
    await page.locator('#passkey-name').fill('Work laptop');
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-notice').filter({ hasText: 'The passkey “Work laptop” is ready' }).waitFor();
    await page.locator('[data-passkey="Work laptop"]').waitFor();
    await screenshot(page, '100-portal-passkey-added');
    const mail = await test.server.mailSink!.waitFor(person.email, (received) => received.subject === 'A passkey was added to your profile');
    expect(mail.text).toContain('Work laptop');
    const [made] = await authenticator.credentials();
    expect(made).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
    // The user handle the authenticator keeps is random, never the email.
    const profile = await test.db.orm.em.fork().findOneOrFail(Profile, { email: person.email });
    expect(Buffer.from(made!.userHandle, 'base64').toString('base64url')).toBe(profile.webauthnUserId);
    expect(Buffer.from(made!.userHandle, 'base64').toString('utf8')).not.toContain(person.email);

    // Another browser holding the same passkey: the email field's autofill offers it, and choosing it signs in (the
    // virtual authenticator chooses as a person would). No email is typed.
    const other = await freshPage();
    const otherKey = await authenticatorOn(other, [made!]);
    await other.goto(`${test.server.publicUrl}/signin`);
    await other.getByTestId('signed-in-as').filter({ hasText: 'Pia Passkey' }).waitFor();
    const [used] = await otherKey.credentials();

    // A browser without autofill: one button.
    const button = await withoutAutofill();
    await authenticatorOn(button, [used!]);
    await button.goto(`${test.server.publicUrl}/signin`);
    await button.getByTestId('passkey-sign-in').waitFor();
    await screenshot(button, '101-portal-sign-in-with-passkey');
    await button.getByTestId('passkey-sign-in').click();
    await button.getByTestId('signed-in-as').filter({ hasText: 'Pia Passkey' }).waitFor();
    const stored = await test.db.orm.em.fork().findOneOrFail(Passkey, { credentialId: Buffer.from(made!.credentialId, 'base64').toString('base64url') });
    expect(stored.lastUsedAt).not.toBeNull();
    expect(Number(stored.counter)).toBeGreaterThan(used!.signCount);

    // A copy of the key as it was before those sign-ins: its counter does not move forward, so it is refused, and marked.
    const copy = await withoutAutofill();
    await authenticatorOn(copy, [made!]);
    await copy.goto(`${test.server.publicUrl}/signin`);
    await copy.getByTestId('passkey-sign-in').click();
    await copy.getByTestId('form-error').filter({ hasText: 'That passkey could not be used.' }).waitFor();
    expect(await copy.getByTestId('signed-in-as').count()).toBe(0);
    await other.goto(`${test.server.publicUrl}/security`);
    await other.getByTestId('passkey-clone').waitFor();
    await screenshot(other, '102-portal-passkey-cloned');
    expect((await person.client.profile.securityEvents.query({ limit: 20 })).map((event) => event.action)).toContain('passkey.refused');
    // From then on even the genuine key is refused: it is removed and made again.
    const genuine = await withoutAutofill();
    await authenticatorOn(genuine, [(await otherKey.credentials())[0]!]);
    await genuine.goto(`${test.server.publicUrl}/signin`);
    await genuine.getByTestId('passkey-sign-in').click();
    await genuine.getByTestId('form-error').waitFor();
  });

  it('is renamed and removed, but never as the last way in, and each change is in the history', async () => {
    const person = await people.signedIn({ name: 'Rita Remove' });
    const page = await test.signedInPage(`${test.server.publicUrl}/signin`, person.email);
    await page.getByTestId('signed-in-as').waitFor();
    await authenticatorOn(page);
    await page.goto(`${test.server.publicUrl}/security`);
    await page.getByTestId('passkey-add').click();
    await page.locator('[data-passkey="Synced passkey"], [data-passkey="Security key"]').waitFor();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByTestId('passkey-rename-input').fill('Phone');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-passkey="Phone"]').waitFor();

    // Without a password (a profile that signs in only with this passkey), removing it is refused.
    await test.db.orm.em.fork().nativeUpdate(Profile, { email: person.email }, { passwordHash: null });
    const [passkey] = await person.client.passkeys.list.query();
    await page.getByTestId(`passkey-remove-${passkey!.id}`).click();
    await page.getByRole('dialog').getByTestId('confirm').click();
    await page.getByTestId('passkey-error').filter({ hasText: 'only way to sign in' }).waitFor();
    expect(await person.client.passkeys.list.query()).toHaveLength(1);

    const anotherWayIn = await test.db.orm.em.fork().findOneOrFail(Profile, { email: person.email }, { populate: ['passwordHash'] });
    expect(anotherWayIn.passwordHash).toBeNull();
    await test.db.orm.em.fork().nativeUpdate(Profile, { email: person.email }, { passwordHash: 'restored-for-the-test' });
    await page.getByTestId(`passkey-remove-${passkey!.id}`).click();
    await page.getByRole('dialog').getByTestId('confirm').click();
    await page.getByTestId('passkeys-empty').waitFor();
    await test.server.mailSink!.waitFor(person.email, (received) => received.subject === 'A passkey was removed from your profile');
    const history = (await person.client.profile.securityEvents.query({ limit: 20 })).map((event) => event.action);
    expect(history).toEqual(expect.arrayContaining(['passkey.added', 'passkey.renamed', 'passkey.removed']));
  });

  it('refuses a replayed assertion, one for another ceremony, and a tampered one, storing nothing', async () => {
    const person = await people.signedIn({ name: 'Ray Replay' });
    const page = await test.signedInPage(`${test.server.publicUrl}/signin`, person.email);
    await page.getByTestId('signed-in-as').waitFor();
    await authenticatorOn(page);
    await page.goto(`${test.server.publicUrl}/security`);
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey-notice').waitFor();

    const anonymous = createClient({ url: test.server.publicUrl });
    /** The browser's answer to a ceremony, taken as it is, to send (and send again) from here. */
    const assertionFor = async (options: { challenge: string; rpId?: string }) =>
      page.evaluate(async ({ challenge, rpId }) => {
        const fromB64 = (value: string) => Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
        const toB64 = (buffer: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        const credential = (await navigator.credentials.get({ publicKey: { challenge: fromB64(challenge), rpId, userVerification: 'required' } })) as PublicKeyCredential;
        const response = credential.response as AuthenticatorAssertionResponse;
        return {
          id: credential.id,
          rawId: toB64(credential.rawId),
          type: 'public-key' as const,
          clientExtensionResults: {},
          response: { clientDataJSON: toB64(response.clientDataJSON), authenticatorData: toB64(response.authenticatorData), signature: toB64(response.signature), ...(response.userHandle ? { userHandle: toB64(response.userHandle) } : {}) },
        };
      }, options);

    const first = await anonymous.auth.passkeyOptions.mutate();
    const answer = await assertionFor(first.options);
    const signedIn = await anonymous.auth.signInWithPasskey.mutate({ ceremonyId: first.ceremonyId, response: answer, client: 'desktop' });
    expect(signedIn).toMatchObject({ status: 'signed_in', token: expect.any(String) });
    const refused = async (call: Promise<unknown>) => appCodeOf(await call.then(() => null, (error: unknown) => error));
    // The same answer again: its ceremony is spent.
    expect(await refused(anonymous.auth.signInWithPasskey.mutate({ ceremonyId: first.ceremonyId, response: answer }))).toBe('PASSKEY_INVALID');
    // The same answer to a new ceremony: it signed another challenge.
    const second = await anonymous.auth.passkeyOptions.mutate();
    expect(await refused(anonymous.auth.signInWithPasskey.mutate({ ceremonyId: second.ceremonyId, response: answer }))).toBe('PASSKEY_INVALID');
    // A fresh answer whose client data claims another origin: the signature covers it.
    const third = await anonymous.auth.passkeyOptions.mutate();
    const fresh = await assertionFor(third.options);
    const clientData = JSON.parse(Buffer.from(fresh.response.clientDataJSON, 'base64url').toString('utf8')) as { origin: string };
    const elsewhere = Buffer.from(JSON.stringify({ ...clientData, origin: 'https://phishing.example' })).toString('base64url');
    expect(await refused(anonymous.auth.signInWithPasskey.mutate({ ceremonyId: third.ceremonyId, response: { ...fresh, response: { ...fresh.response, clientDataJSON: elsewhere } } }))).toBe('PASSKEY_INVALID');
    // Malformed: refused by the input's shape before anything is read.
    const fourth = await anonymous.auth.passkeyOptions.mutate();
    expect(await refused(anonymous.auth.signInWithPasskey.mutate({ ceremonyId: fourth.ceremonyId, response: { ...fresh, response: { ...fresh.response, signature: 'not base64url!' } } }))).toBe('INVALID_INPUT');
    // Nothing about the passkey moved but its one good use.
    const [stored] = await test.db.orm.em.fork().find(Passkey, { profile: { email: person.email } });
    expect(stored?.suspectedCloneAt).toBeNull();
  });
});
