import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Profile } from './profile.ts';

export const PASSKEY_CEREMONY_PURPOSES = ['register', 'sign_in', 'confirm'] as const;
export type PasskeyCeremonyPurpose = (typeof PASSKEY_CEREMONY_PURPOSES)[number];

/**
 * The challenge of one WebAuthn ceremony, kept in PostgreSQL so any api
 * process can finish what another started; taken (deleted) by the answer
 * that uses it, so it is good once.
 */
export const PasskeyChallengeSchema = defineEntity({
  name: 'PasskeyChallenge',
  tableName: 'passkey_challenge',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    challenge: p.string().length(128),
    /** `confirm`: a known person proves it is them (the second step of a sign-in, or before a sensitive action). */
    purpose: p.enum(PASSKEY_CEREMONY_PURPOSES),
    /** Whose passkey is being added or asked for; null for a sign-in, where nobody is known yet. */
    profile: () => p.manyToOne(Profile).ref().nullable().deleteRule('cascade'),
    expiresAt: p.datetime(),
  },
  indexes: [{ name: 'passkey_challenge_expires_idx', properties: ['expiresAt'] }],
});

export class PasskeyChallenge extends PasskeyChallengeSchema.class {}
PasskeyChallengeSchema.setClass(PasskeyChallenge);
