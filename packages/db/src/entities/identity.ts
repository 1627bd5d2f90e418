import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Profile } from './profile.ts';

/** A social (OAuth/OIDC) identity: one provider account belongs to exactly one profile. */
export const IdentitySchema = defineEntity({
  name: 'Identity',
  tableName: 'identity',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    profile: () => p.manyToOne(Profile).ref().deleteRule('cascade'),
    provider: p.string().length(64),
    /** The provider's stable account id (OIDC `sub`). */
    subject: p.string().length(255),
    /** What the provider said the address was; informational, never a login. */
    email: p.string().length(254).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
  },
  uniques: [{ name: 'identity_provider_subject_unique', properties: ['provider', 'subject'] }],
  indexes: [{ name: 'identity_profile_idx', properties: ['profile'] }],
});

export class Identity extends IdentitySchema.class {}
IdentitySchema.setClass(Identity);
