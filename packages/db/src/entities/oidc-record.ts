import { defineEntity, p } from '@mikro-orm/core';

/**
 * What the OpenID Connect provider keeps between requests — authorization
 * codes, grants, access and refresh tokens, sessions, interactions — one row
 * per model and id, so every api process serves the same issuer. The payload
 * is the provider's own; the columns beside it are what it looks rows up by.
 */
export const OidcRecordSchema = defineEntity({
  name: 'OidcRecord',
  tableName: 'oidc_record',
  properties: {
    model: p.string().length(40).primary(),
    id: p.string().length(255).primary(),
    payload: p.json<Record<string, unknown>>(),
    /** Every token of one grant: revoked together (a reused refresh token, a dismissal). */
    grantId: p.string().length(255).nullable(),
    /** Whose and for which app (the provider's `accountId` and `clientId`): a dismissal revokes by these. */
    accountId: p.string().length(255).nullable(),
    clientId: p.string().length(255).nullable(),
    userCode: p.string().length(255).nullable(),
    uid: p.string().length(255).nullable(),
    /** Past this moment the row is as good as gone; the purge job deletes it. */
    expiresAt: p.datetime().nullable(),
    /** A single-use code or token already spent (a replayed one is refused). */
    consumedAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'oidc_record_grant_idx', properties: ['grantId'] },
    { name: 'oidc_record_uid_idx', properties: ['model', 'uid'] },
    { name: 'oidc_record_user_code_idx', properties: ['model', 'userCode'] },
    { name: 'oidc_record_expires_idx', properties: ['expiresAt'] },
    { name: 'oidc_record_account_idx', properties: ['accountId', 'clientId'] },
    { name: 'oidc_record_client_idx', properties: ['clientId'] },
  ],
});

export class OidcRecord extends OidcRecordSchema.class {}
OidcRecordSchema.setClass(OidcRecord);
