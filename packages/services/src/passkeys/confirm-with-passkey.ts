import { generateAuthenticationOptions, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { Passkey, TwoFactorChallenge, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { addressKey, type Actor, type RequestOrigin } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { startCeremony, takeCeremony } from './ceremony.ts';
import { relyingPartyOf } from './relying-party.ts';
import { verifyPasskeyAssertion } from './verify-assertion.ts';

/** A passkey's answer to a confirmation ceremony, as the browser sends it. */
export interface PasskeyProof {
  ceremonyId: string;
  response: AuthenticationResponseJSON;
}

/**
 * A ceremony for a person already known (after their password, or before a
 * sensitive action): only their own passkeys are offered and accepted.
 */
async function ceremonyForProfile(em: EntityManager, config: ServiceConfig, profileId: string): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const passkeys = await em.find(Passkey, { profile: profileId, suspectedCloneAt: null }, { fields: ['credentialId', 'transports'] });
  if (passkeys.length === 0) throw new AppError('PASSKEY_INVALID');
  const request = await generateAuthenticationOptions({
    rpID: relyingPartyOf(config).rpID,
    userVerification: 'required',
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
  });
  const ceremonyId = await startCeremony(em, { challenge: request.challenge, purpose: 'confirm', profileId });
  return { ceremonyId, options: request };
}

/** Whether this answer proves the person: their own passkey, over a confirmation ceremony started for them. */
export async function acceptPasskeyProof(em: EntityManager, config: ServiceConfig, options: { profileId: string; proof: PasskeyProof; origin: RequestOrigin }): Promise<boolean> {
  try {
    const challenge = await takeCeremony(em, { id: options.proof.ceremonyId, purpose: 'confirm', profileId: options.profileId });
    await verifyPasskeyAssertion(em, config, { challenge, response: options.proof.response, profileId: options.profileId, origin: options.origin });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'PASSKEY_INVALID') return false;
    throw error;
  }
}

/** The ceremony for a sign-in's second step: the passkeys of whoever proved the first. */
export async function secondStepPasskeyOptions(options: { em: EntityManager; config: ServiceConfig; challengeId: string; origin: RequestOrigin }): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  await options.config.limits.consume('passkeyCeremonyAddress', addressKey(options.origin));
  const challenge = await options.em.findOne(TwoFactorChallenge, { id: options.challengeId });
  if (!challenge || challenge.expiresAt.getTime() <= Date.now()) throw new AppError('UNAUTHENTICATED');
  return ceremonyForProfile(options.em, options.config, challenge.profile.id);
}

/** The ceremony a signed-in person answers to confirm a sensitive action with a passkey (sent back as the call's `passkey`). */
export async function passkeyConfirmationOptions(options: { em: EntityManager; config: ServiceConfig; actor: Actor }): Promise<{ ceremonyId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  await options.config.limits.consume('passkeyCeremonyAddress', addressKey(options.actor.origin));
  return ceremonyForProfile(options.em, options.config, options.actor.profileId);
}
