import type { ServiceConfig } from '../shared/config.ts';

/**
 * Who passkeys are made for: the relying-party ID is `PUBLIC_URL`'s host, so
 * a passkey works on the portal and the console alike (both are served
 * there), and only there; a ceremony answered on any other origin is refused.
 */
export function relyingPartyOf(config: ServiceConfig): { rpID: string; rpName: string; origin: string } {
  return { rpID: config.publicUrl.hostname, rpName: 'Gatehouse', origin: config.publicUrl.origin };
}
