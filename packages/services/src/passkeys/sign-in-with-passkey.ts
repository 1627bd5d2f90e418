import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { Passkey, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, counterWentBack, type SessionClient } from '@gatehouse/domain';
import { addressKey, type RequestOrigin } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { recordAuditNow } from '../audit/index.ts';
import { afterFirstFactor, type SignInResult } from '../sign-in/index.ts';
import { startCeremony, takeCeremony } from './ceremony.ts';
import { relyingPartyOf } from './relying-party.ts';

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
 * the workspace's rules, as every way in. A counter that went backwards
 * marks the passkey as possibly cloned and refuses it from then on.
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
  const passkey = await em.findOne(Passkey, { credentialId: options.response.id });
  if (!passkey || passkey.suspectedCloneAt) throw new AppError('PASSKEY_INVALID');
  const profile = await em.findOneOrFail(Profile, { id: passkey.profile.id });
  // The authenticator's user handle, when it sends one, must be the profile's own.
  const handle = options.response.response.userHandle;
  if (handle && handle !== profile.webauthnUserId) throw new AppError('PASSKEY_INVALID');
  const { rpID, origin: expectedOrigin } = relyingPartyOf(config);
  const verification = await verifyAuthenticationResponse({
    response: options.response,
    expectedChallenge: challenge,
    expectedOrigin,
    expectedRPID: rpID,
    requireUserVerification: true,
    // The counter rule is ours (below), applied only to a signature that verified.
    credential: { id: passkey.credentialId, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: 0, transports: passkey.transports },
  }).catch(() => null);
  if (!verification?.verified) throw new AppError('PASSKEY_INVALID');
  const { newCounter, credentialBackedUp } = verification.authenticationInfo;
  if (counterWentBack(Number(passkey.counter), newCounter)) {
    passkey.suspectedCloneAt = new Date();
    await em.flush();
    await recordAuditNow(em, { profileId: null, origin }, { workspaceId: null, action: 'passkey.refused', targetProfileId: profile.id, details: { name: passkey.name } });
    throw new AppError('PASSKEY_INVALID');
  }
  passkey.counter = newCounter;
  passkey.backedUp = credentialBackedUp;
  passkey.lastUsedAt = new Date();
  await em.flush();
  return afterFirstFactor({ em, config, profile, workspaceSlug: options.workspaceSlug ?? null, client: options.client, origin, method: 'passkey' });
}
