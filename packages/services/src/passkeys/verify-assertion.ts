import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import { Passkey, recordPasskeyUse, type EntityManager, type Profile } from '@gatehouse/db';
import { AppError, counterWentBack } from '@gatehouse/domain';
import type { RequestOrigin } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { recordAuditNow } from '../audit/index.ts';
import { relyingPartyOf } from './relying-party.ts';

/**
 * The one check of a passkey's answer, for every ceremony that asks for one
 * (a sign-in, the second step, a confirmation): the passkey it names (of
 * `profileId` when the person is known), its signature over the ceremony's
 * challenge from this site, with the person verified. A counter that went
 * backwards marks the passkey as possibly cloned and refuses it from then on.
 * Anything else wrong is PASSKEY_INVALID, and nothing is stored.
 */
export async function verifyPasskeyAssertion(
  em: EntityManager,
  config: ServiceConfig,
  options: { challenge: string; response: AuthenticationResponseJSON; profileId: string | null; origin: RequestOrigin },
): Promise<{ profile: Profile }> {
  // The passkey and its profile in one statement.
  const passkey = await em.findOne(Passkey, { credentialId: options.response.id }, { populate: ['profile'] });
  if (!passkey || passkey.suspectedCloneAt) throw new AppError('PASSKEY_INVALID');
  if (options.profileId && passkey.profile.id !== options.profileId) throw new AppError('PASSKEY_INVALID');
  const profile = passkey.profile.getEntity();
  // The authenticator's user handle, when it sends one, must be the profile's own.
  const handle = options.response.response.userHandle;
  if (handle && handle !== profile.webauthnUserId) throw new AppError('PASSKEY_INVALID');
  const { rpID, origin: expectedOrigin } = relyingPartyOf(config);
  const verification = await verifyAuthenticationResponse({
    response: options.response,
    expectedChallenge: options.challenge,
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
    await recordAuditNow(em, { profileId: null, origin: options.origin }, { workspaceId: null, action: 'passkey.refused', targetProfileId: profile.id, details: { name: passkey.name } });
    throw new AppError('PASSKEY_INVALID');
  }
  await recordPasskeyUse(em, { passkeyId: passkey.id, counter: newCounter, backedUp: credentialBackedUp, usedAt: new Date() });
  return { profile };
}
