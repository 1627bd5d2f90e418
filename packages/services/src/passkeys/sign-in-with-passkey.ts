import { generateAuthenticationOptions, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { EntityManager } from '@gatehouse/db';
import type { SessionClient } from '@gatehouse/domain';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { afterFirstFactor, type SignInResult } from '../sign-in/index.ts';
import { startCeremony, takeCeremony } from './ceremony.ts';
import { relyingPartyOf } from './relying-party.ts';
import { verifyPasskeyAssertion } from './verify-assertion.ts';

/**
 * A sign-in ceremony for any passkey of this site: no email is asked, the
 * authenticator offers the person's own (discoverable credentials), in a
 * dialog or in the email field's autofill.
 */
export async function passkeySignInOptions(options: { em: EntityManager; config: ServiceConfig; origin: RequestOrigin }): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  await options.config.limits.consume('passkeyCeremonyAddress', addressKey(options.origin));
  const request = await generateAuthenticationOptions({ rpID: relyingPartyOf(options.config).rpID, userVerification: 'required' });
  const ceremonyId = await startCeremony(options.em, { challenge: request.challenge, purpose: 'sign_in', profileId: null });
  return { ceremonyId, options: request };
}

/**
 * The answer to a sign-in ceremony: the passkey it names, its signature over
 * this ceremony's challenge from this site, with the person verified; then
 * the workspace's rules, as every way in.
 */
export async function signInWithPasskey(options: {
  em: EntityManager;
  config: ServiceConfig;
  ceremonyId: string;
  response: AuthenticationResponseJSON;
  workspaceSlug?: string | null;
  client: SessionClient;
  origin: RequestOrigin;
}): Promise<SignInResult> {
  const { em, config, origin } = options;
  await config.limits.consume('signInAddress', addressKey(origin));
  const challenge = await takeCeremony(em, { id: options.ceremonyId, purpose: 'sign_in', profileId: null });
  const { profile } = await verifyPasskeyAssertion(em, config, { challenge, response: options.response, profileId: null, origin });
  return afterFirstFactor({ em, config, profile, workspaceSlug: options.workspaceSlug ?? null, client: options.client, origin, wayIn: 'passkey' });
}
