import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Profile } from './profile.ts';

/**
 * A passkey of a profile (a WebAuthn credential): its id and public key as
 * the authenticator made them, the signature counter it last reported, and
 * whether it is synced between devices (multi-device) and backed up.
 */
export const PasskeySchema = defineEntity({
  name: 'Passkey',
  tableName: 'passkey',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    profile: () => p.manyToOne(Profile).ref().deleteRule('cascade'),
    /** The credential id, base64url, as browsers send it back. */
    credentialId: p.string().length(512).unique('passkey_credential_unique'),
    /** The COSE public key, base64url. */
    publicKey: p.text(),
    /** Signature counters are unsigned 32-bit: a double holds them exactly. */
    counter: p.double().default(0),
    transports: p.json<string[]>().default('[]').onCreate(() => []),
    deviceType: p.enum(['singleDevice', 'multiDevice'] as const),
    backedUp: p.boolean().default(false),
    aaguid: p.string().length(36).nullable(),
    name: p.string().length(60),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    /** Its counter went backwards once: refused from then on. */
    suspectedCloneAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'passkey_profile_idx', properties: ['profile', 'createdAt'] }],
});

export class Passkey extends PasskeySchema.class {}
PasskeySchema.setClass(Passkey);
