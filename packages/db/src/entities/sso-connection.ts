import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import type { MemberRole, SsoFailureReason, SsoKind, SsoRoleMapping } from '@gatehouse/domain';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/**
 * A workspace's single sign-on to its company directory. An OIDC connection
 * keeps the issuer and client (its secret sealed with the app secret); a
 * SAML one the identity provider's entity id, sign-in URL and signing
 * certificates. Either maps the directory's attributes to a person: their
 * email, name, and a role attribute whose values map to roles.
 */
export const SsoConnectionSchema = defineEntity({
  name: 'SsoConnection',
  tableName: 'sso_connection',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    kind: p.string().length(8).$type<SsoKind>(),
    name: p.string().length(80),
    enabled: p.boolean().default(true),
    defaultRole: p.string().length(16).$type<MemberRole>().default('employee'),
    /** The claim or attribute holding a person's email; null: the protocol's own (`email`, the NameID). */
    emailAttribute: p.string().length(200).nullable(),
    nameAttribute: p.string().length(200).nullable(),
    /** The claim or attribute whose values map to roles (`groups`); null: everyone gets the default role. */
    roleAttribute: p.string().length(200).nullable(),
    roleMappings: p.json<SsoRoleMapping[]>().default('[]').onCreate(() => []),
    oidcIssuer: p.string().length(500).nullable(),
    oidcClientId: p.string().length(500).nullable(),
    /** The client secret, sealed (AES-GCM) with the deployment's app secret. */
    oidcClientSecretSealed: p.text().nullable().lazy(),
    samlEntityId: p.string().length(500).nullable(),
    samlSsoUrl: p.string().length(500).nullable(),
    /** The identity provider's signing certificates (PEM bodies); two during a rollover. */
    samlCertificates: p.json<string[]>().default('[]').onCreate(() => []),
    samlAllowIdpInitiated: p.boolean().default(false),
    createdBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [{ name: 'sso_connection_workspace_idx', properties: ['workspace', 'createdAt'] }],
});

export class SsoConnection extends SsoConnectionSchema.class {}
SsoConnectionSchema.setClass(SsoConnection);

/**
 * What happened at a connection's door: each sign-in and each failure with
 * its reason, for the connection's page. Only the latest are kept.
 */
export const SsoEventSchema = defineEntity({
  name: 'SsoEvent',
  tableName: 'sso_event',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    connection: () => p.manyToOne(SsoConnection).ref().deleteRule('cascade'),
    succeeded: p.boolean(),
    reason: p.string().length(32).$type<SsoFailureReason>().nullable(),
    /** The library's own words, shortened: for the admin who asks the directory's owner. */
    detail: p.string().length(300).nullable(),
    email: p.string().length(320).nullable(),
    profile: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'sso_event_connection_idx', properties: ['connection', 'createdAt'] }],
});

export class SsoEvent extends SsoEventSchema.class {}
SsoEventSchema.setClass(SsoEvent);

/**
 * A SAML assertion already used to sign in, remembered until it expires so
 * that the same response posted again is refused (no replay).
 */
export const SamlAssertionSchema = defineEntity({
  name: 'SamlAssertion',
  tableName: 'saml_assertion',
  properties: {
    connection: () => p.manyToOne(SsoConnection).ref().primary().deleteRule('cascade'),
    assertionId: p.string().length(256).primary(),
    expiresAt: p.datetime(),
  },
  indexes: [{ name: 'saml_assertion_expires_idx', properties: ['expiresAt'] }],
});

export class SamlAssertion extends SamlAssertionSchema.class {}
SamlAssertionSchema.setClass(SamlAssertion);
