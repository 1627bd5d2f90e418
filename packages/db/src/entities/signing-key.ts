import { defineEntity, p } from '@mikro-orm/core';

export const SIGNING_KEY_ALGORITHMS = ['ES256', 'RS256'] as const;

/**
 * A key the OpenID Connect provider signs tokens with. The private JWK is
 * sealed under a key derived from APP_SECRET. A rotated key stops signing at
 * once but stays published in the JWKS until the tokens it signed expired.
 */
export const SigningKeySchema = defineEntity({
  name: 'SigningKey',
  tableName: 'signing_key',
  properties: {
    /** The JWK's `kid`. */
    id: p.string().length(64).primary(),
    alg: p.enum(SIGNING_KEY_ALGORITHMS),
    privateJwkSealed: p.text().lazy(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** When it stopped signing; null while it signs. */
    retiredAt: p.datetime().nullable(),
    /** Until when a retired key is still published for verification. */
    publishedUntil: p.datetime().nullable(),
  },
});

export class SigningKey extends SigningKeySchema.class {}
SigningKeySchema.setClass(SigningKey);
