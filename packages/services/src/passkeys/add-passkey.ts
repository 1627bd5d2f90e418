import { randomBytes } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON } from '@simplewebauthn/server';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { endSetupOnlySessions, Passkey, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, defaultPasskeyName, PASSKEYS_PER_PROFILE } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { startCeremony, takeCeremony } from './ceremony.ts';
import { passkeyView, type PasskeyView } from './passkey-view.ts';
import { relyingPartyOf } from './relying-party.ts';

/**
 * The options for the browser to make a passkey: a discoverable credential
 * (so signing in needs no email) with user verification, never twice on one
 * authenticator. The user handle is the profile's own random id.
 */
export async function passkeyRegistrationOptions(options: { em: EntityManager; config: ServiceConfig; actor: Actor }): Promise<{ ceremonyId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const { em, config, actor } = options;
  const profile = await em.findOneOrFail(Profile, { id: actor.profileId });
  if ((await em.count(Passkey, { profile: profile.id })) >= PASSKEYS_PER_PROFILE) throw new AppError('INVALID_INPUT', { fields: { passkey: 'too_many' } });
  if (!profile.webauthnUserId) {
    profile.webauthnUserId = randomBytes(32).toString('base64url');
    await em.flush();
  }
  const existing = await em.find(Passkey, { profile: profile.id }, { fields: ['credentialId', 'transports'] });
  const { rpID, rpName } = relyingPartyOf(config);
  const creation = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: profile.email,
    userDisplayName: profile.name,
    userID: Buffer.from(profile.webauthnUserId, 'base64url'),
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const ceremonyId = await startCeremony(em, { challenge: creation.challenge, purpose: 'register', profileId: profile.id });
  return { ceremonyId, options: creation };
}

/** The browser's new passkey, verified against its ceremony, stored, audited and mailed to its owner. */
export async function addPasskey(options: { em: EntityManager; config: ServiceConfig; actor: Actor; ceremonyId: string; response: RegistrationResponseJSON; name?: string | null }): Promise<PasskeyView> {
  const { config, actor } = options;
  const challenge = await takeCeremony(options.em, { id: options.ceremonyId, purpose: 'register', profileId: actor.profileId });
  const { rpID, origin } = relyingPartyOf(config);
  const verification = await verifyRegistrationResponse({ response: options.response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: true }).catch(() => null);
  if (!verification?.verified) throw new AppError('PASSKEY_INVALID');
  const { credential, credentialDeviceType, credentialBackedUp, aaguid } = verification.registrationInfo;
  try {
    return await options.em.transactional(async (em) => {
      const profile = await em.findOneOrFail(Profile, { id: actor.profileId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if ((await em.count(Passkey, { profile: profile.id })) >= PASSKEYS_PER_PROFILE) throw new AppError('INVALID_INPUT', { fields: { passkey: 'too_many' } });
      const passkey = em.create(Passkey, {
        profile,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? [],
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        aaguid,
        name: options.name?.trim() || defaultPasskeyName(credentialDeviceType),
        lastUsedAt: null,
        suspectedCloneAt: null,
      });
      // A passkey is a second step: a workspace that held the person's sessions to setting one up lets them go on.
      await endSetupOnlySessions(em, profile.id);
      recordAudit(em, actor, { workspaceId: null, action: 'passkey.added', targetProfileId: profile.id, details: { name: passkey.name } });
      enqueueMail(em, { to: profile.email, kind: 'passkey_changed', locale: profile.locale, params: { change: 'added', name: passkey.name, when: new Date(), link: portalLink(config, '/security') } });
      await em.flush();
      return passkeyView(passkey);
    });
  } catch (error) {
    // The same authenticator's credential twice (another tab, another profile): nothing is stored.
    if (error instanceof UniqueConstraintViolationException) throw new AppError('PASSKEY_INVALID');
    throw error;
  }
}
