import { defineEntity, p } from '@mikro-orm/core';

export const PASSKEY_CEREMONY_PURPOSES = ['register', 'sign_in', 'confirm'] as const;
export type PasskeyCeremonyPurpose = (typeof PASSKEY_CEREMONY_PURPOSES)[number];

/**
 * A WebAuthn ceremony that was answered. Ceremonies themselves are not
 * stored: the server signs each one into its id (purpose, person, challenge,
 * expiry), so starting one writes nothing and any api process can check it.
 * The answer that uses one records it here, until it would have expired
 * anyway, so it is good once — even on two api processes at the same moment.
 */
export const SpentPasskeyCeremonySchema = defineEntity({
  name: 'SpentPasskeyCeremony',
  tableName: 'passkey_ceremony_spent',
  properties: {
    id: p.uuid().primary(),
    expiresAt: p.datetime(),
  },
  indexes: [{ name: 'passkey_ceremony_spent_expires_idx', properties: ['expiresAt'] }],
});

export class SpentPasskeyCeremony extends SpentPasskeyCeremonySchema.class {}
SpentPasskeyCeremonySchema.setClass(SpentPasskeyCeremony);
