import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { LOCALES } from '@gatehouse/domain';

/** A person's global identity: login email, password, locale. One per person across every workspace. */
export const ProfileSchema = defineEntity({
  name: 'Profile',
  tableName: 'profile',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    /** The login email, stored normalised (domain `normalizeEmail`); unique across profiles. */
    email: p.string().length(254).unique('profile_email_unique'),
    emailVerifiedAt: p.datetime().nullable(),
    /** argon2id PHC string; null for a profile that signs in only through a social identity. */
    passwordHash: p.text().nullable().lazy(),
    /** When the password last changed: reset links issued before it are dead. */
    passwordChangedAt: p.datetime().nullable(),
    /** TOTP secret (RFC 6238), encrypted with the server key; set at setup, active once `twoFactorEnabledAt` is set. */
    totpSecretEncrypted: p.text().nullable().lazy(),
    twoFactorEnabledAt: p.datetime().nullable(),
    /** The WebAuthn user handle: random, made with the first passkey, never the email (authenticators keep it). */
    webauthnUserId: p.string().length(64).nullable().unique('profile_webauthn_user_unique'),
    /** The last accepted TOTP time step: a code is never accepted twice (RFC 6238 §5.2). */
    totpLastStep: p.bigint('number').nullable(),
    /** Set for a generated password (direct registration, the demo's printed one) until the person chooses their own. */
    mustChangePassword: p.boolean().default(false),
    /** A generated password signs in once, within its lifetime (null: no end, the demo's). */
    temporaryPasswordExpiresAt: p.datetime().nullable(),
    temporaryPasswordUsedAt: p.datetime().nullable(),
    name: p.string().length(200),
    locale: p.enum(LOCALES).default('en'),
    /** Platform staff are appointed outside the API (command line or environment). */
    isStaff: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class Profile extends ProfileSchema.class {}
ProfileSchema.setClass(Profile);
