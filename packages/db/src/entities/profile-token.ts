import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Profile } from './profile.ts';

export const PROFILE_TOKEN_PURPOSES = ['verify_email', 'reset_password', 'change_email'] as const;
export type ProfileTokenPurpose = (typeof PROFILE_TOKEN_PURPOSES)[number];

/** A single-use link sent by mail: only the SHA-256 of its secret is stored. */
export const ProfileTokenSchema = defineEntity({
  name: 'ProfileToken',
  tableName: 'profile_token',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    profile: () => p.manyToOne(Profile).ref().deleteRule('cascade'),
    purpose: p.enum(PROFILE_TOKEN_PURPOSES),
    tokenHash: p.string().length(64).unique('profile_token_hash_unique'),
    /** For an email change: the address to confirm. */
    newEmail: p.string().length(254).nullable(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'profile_token_profile_idx', properties: ['profile', 'purpose'] }],
});

export class ProfileToken extends ProfileTokenSchema.class {}
ProfileTokenSchema.setClass(ProfileToken);
