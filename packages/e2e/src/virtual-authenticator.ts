import type { Browser, CDPSession, Page } from 'playwright-core';

/** A credential as Chromium's virtual authenticator hands it over (its private key included), to put into another. */
export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId: string;
  privateKey: string;
  userHandle: string;
  signCount: number;
}

/**
 * Chromium's virtual authenticator on a page (DevTools protocol): CTAP2, a
 * platform authenticator with resident keys and user verification that
 * always says yes, optionally holding credentials made elsewhere.
 */
export async function authenticatorOn(page: Page, credentials: VirtualCredential[] = []): Promise<{ cdp: CDPSession; id: string; credentials: () => Promise<VirtualCredential[]> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  for (const credential of credentials) await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
  return {
    cdp,
    id: authenticatorId,
    credentials: async () => ((await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as { credentials: VirtualCredential[] }).credentials,
  };
}

/**
 * A browser that offers passkeys only when asked (no conditional mediation,
 * as older ones do), so a test chooses between the password form and the
 * passkey button itself.
 */
export async function pageWithoutAutofill(browser: Browser, locale = 'en-US'): Promise<Page> {
  const page = await (await browser.newContext({ locale })).newPage();
  await page.addInitScript(() => {
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: async () => false });
  });
  return page;
}
