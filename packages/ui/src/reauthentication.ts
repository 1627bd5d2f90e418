import { ref } from 'vue';
import { browserSupportsWebAuthn, startAuthentication, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { failureOf, type Api } from './api.ts';

export type Proof = { password: string } | { code: string } | { passkey: { ceremonyId: string; response: AuthenticationResponseJSON } };

/** The answers that mean "the proof was missing or wrong": the dialog stays open and says so. */
const PROOF_CODES = new Set(['REAUTHENTICATION_REQUIRED', 'INVALID_CREDENTIALS', 'TWO_FACTOR_INVALID', 'PASSKEY_INVALID', 'RATE_LIMITED']);

/**
 * Drives a {@link UiReauthDialog}: `ask` opens it for an action that needs
 * the caller's proof; `confirm` runs the action with it. A wrong or missing
 * proof keeps the dialog open with the API's message; any other outcome
 * closes it and is handed back to the page (its own notice or error).
 */
export function useReauthentication(fallbackMessage: () => string, api: Api) {
  const open = ref(false);
  const busy = ref(false);
  const error = ref<string | null>(null);
  /** Whether the dialog offers "Use a passkey": this browser can, and the person has one. */
  const passkeyOffered = ref(false);
  let pending: ((proof: Proof) => Promise<unknown>) | null = null;
  let settle: ((outcome: unknown) => void) | null = null;

  /** Resolves with the action's result, or with the error it failed with (a cancel resolves with null). */
  function ask<T>(action: (proof: Proof) => Promise<T>): Promise<T | Error | null> {
    pending = action;
    error.value = null;
    open.value = true;
    void offerPasskey();
    return new Promise((resolve) => (settle = resolve as (outcome: unknown) => void));
  }

  async function offerPasskey(): Promise<void> {
    if (!browserSupportsWebAuthn()) return;
    try {
      passkeyOffered.value = (await api.passkeys.list.query()).length > 0;
    } catch {
      passkeyOffered.value = false;
    }
  }

  /** The browser's passkey prompt over the person's own passkeys; its answer confirms the action. A dismissed prompt changes nothing. */
  async function confirmWithPasskey(): Promise<void> {
    if (!pending) return;
    busy.value = true;
    error.value = null;
    let proof: Proof;
    try {
      const { ceremonyId, options } = await api.passkeys.confirmationOptions.mutate();
      proof = { passkey: { ceremonyId, response: await startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON }) } };
    } catch (caught) {
      busy.value = false;
      // The person closed the prompt (NotAllowedError): the dialog stays as it was.
      if (caught instanceof Error && caught.name === 'NotAllowedError') return;
      error.value = failureOf(caught, fallbackMessage()).message;
      return;
    }
    busy.value = false;
    await confirm(proof);
  }

  async function confirm(proof: Proof): Promise<void> {
    if (!pending) return;
    busy.value = true;
    error.value = null;
    try {
      const result = await pending(proof);
      open.value = false;
      settle?.(result);
    } catch (caught) {
      const failure = failureOf(caught, fallbackMessage());
      if (PROOF_CODES.has(failure.appCode)) error.value = failure.message;
      else {
        open.value = false;
        settle?.(caught instanceof Error ? caught : new Error(failure.message));
      }
    } finally {
      busy.value = false;
    }
  }

  /**
   * For a sensitive action that needs a recent sign-in: tried as it is, and
   * only when the API answers REAUTHENTICATION_REQUIRED is the dialog opened.
   * Any other failure is thrown as it came (its fields intact); a cancel is null.
   */
  async function whenNeeded<T>(action: (proof: Proof | Record<string, never>) => Promise<T>): Promise<T | Error | null> {
    try {
      return await action({});
    } catch (caught) {
      if (failureOf(caught, '').appCode !== 'REAUTHENTICATION_REQUIRED') throw caught;
      return ask(action);
    }
  }

  function cancel(): void {
    open.value = false;
    settle?.(null);
  }

  return { open, busy, error, passkeyOffered, ask, whenNeeded, confirm, confirmWithPasskey, cancel };
}

/** The dialog's words, from the SPA's own `reauth.*` messages (each SPA carries them in every language). */
export function reauthLabels(t: (key: string) => string) {
  return {
    title: t('reauth.title'),
    intro: t('reauth.intro'),
    password: t('reauth.password'),
    code: t('reauth.code'),
    usePassword: t('reauth.usePassword'),
    useCode: t('reauth.useCode'),
    usePasskey: t('reauth.usePasskey'),
    submit: t('reauth.submit'),
    cancel: t('common.cancel'),
  };
}
