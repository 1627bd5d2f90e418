import { SecretBox } from '@gatehouse/auth';
import { Profile, SsoConnection, SsoEvent, type EntityManager } from '@gatehouse/db';
import { AppError, fieldChanges, SAML_CERTIFICATES_MAX, SSO_CONNECTIONS_PER_WORKSPACE, SSO_EVENTS_KEPT, ssoUrlProblem, type MemberRole, type SsoFailureReason, type SsoKind, type SsoRoleMapping } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import type { Membership } from '../members/index.ts';
import { guardedFetch } from '../shared/outbound.ts';
import { assertRecentSignIn, type Proof } from '../sign-in/index.ts';
import { securityPolicyOf } from '../security-policy/index.ts';
import { discoverOidcIssuer } from './oidc-directory.ts';
import { startSamlSignIn, type SamlDirectorySettings } from './saml-directory.ts';
import { certificateView, fetchIdpMetadata, normalizeCertificate, parseIdpMetadata, type CertificateView } from './saml-metadata.ts';
import { SsoFailure, ssoFailureOf } from './sso-failure.ts';
import { ssoAcsUrl, ssoCallbackUrl, ssoMetadataUrl, ssoStartUrl } from './sso-urls.ts';

/** What an admin chooses of a connection, whatever its protocol: its name, whether it is on, and how the directory's attributes become a person. */
interface SsoConnectionSettings {
  name: string;
  enabled: boolean;
  defaultRole: MemberRole;
  emailAttribute: string | null;
  nameAttribute: string | null;
  roleAttribute: string | null;
  roleMappings: SsoRoleMapping[];
}

/** A connection as the console shows it: never the client secret. */
export interface SsoConnectionView extends SsoConnectionSettings {
  id: string;
  kind: SsoKind;
  oidc: { issuer: string; clientId: string } | null;
  saml: {
    entityId: string;
    ssoUrl: string;
    certificates: CertificateView[];
    allowIdpInitiated: boolean;
    /** What the directory's admin pastes as our identifier (the audience)… */
    spEntityId: string;
    /** … or the document naming it and the ACS, to import in one step. */
    metadataUrl: string;
  } | null;
  /** What the admin pastes into the directory: where it sends people back to (for SAML, the ACS). */
  redirectUri: string;
  /** Where a sign-in through this connection starts (for a bookmark or the directory's app tile). */
  startUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface SamlConnectionInput {
  entityId: string;
  ssoUrl: string;
  /** PEM or base64 DER, as pasted or read from the metadata. */
  certificates: string[];
  allowIdpInitiated: boolean;
}

export interface SsoConnectionInput extends SsoConnectionSettings {
  oidc: { issuer: string; clientId: string; clientSecret?: string | undefined } | null;
  saml: SamlConnectionInput | null;
}

interface AdminCall {
  em: EntityManager;
  config: ServiceConfig;
  actor: Actor;
  membership: Membership;
}

/** The client secrets' own key, derived from the app secret. */
export function clientSecretBox(config: ServiceConfig): SecretBox {
  return new SecretBox(config.appSecret, 'sso-client-secret');
}

const sealSecret = (config: ServiceConfig, secret: string) => clientSecretBox(config).seal(new TextEncoder().encode(secret));

/** The settings an admin sent, as the connection keeps them. */
function settingsOf(input: SsoConnectionInput): SsoConnectionSettings {
  const { name, enabled, defaultRole, emailAttribute, nameAttribute, roleAttribute, roleMappings } = input;
  return { name, enabled, defaultRole, emailAttribute, nameAttribute, roleAttribute, roleMappings };
}

export function connectionView(config: ServiceConfig, connection: SsoConnection): SsoConnectionView {
  return {
    id: connection.id,
    kind: connection.kind,
    name: connection.name,
    enabled: connection.enabled,
    defaultRole: connection.defaultRole,
    emailAttribute: connection.emailAttribute ?? null,
    nameAttribute: connection.nameAttribute ?? null,
    roleAttribute: connection.roleAttribute ?? null,
    roleMappings: connection.roleMappings,
    oidc: connection.kind === 'oidc' ? { issuer: connection.oidcIssuer ?? '', clientId: connection.oidcClientId ?? '' } : null,
    saml:
      connection.kind === 'saml'
        ? {
            entityId: connection.samlEntityId ?? '',
            ssoUrl: connection.samlSsoUrl ?? '',
            certificates: connection.samlCertificates.map(certificateView),
            allowIdpInitiated: connection.samlAllowIdpInitiated,
            spEntityId: ssoMetadataUrl(config, connection.id),
            metadataUrl: ssoMetadataUrl(config, connection.id),
          }
        : null,
    redirectUri: connection.kind === 'saml' ? ssoAcsUrl(config, connection.id) : ssoCallbackUrl(config, connection.id),
    startUrl: ssoStartUrl(config, connection.id),
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  };
}

async function findConnection(em: EntityManager, membership: Membership, connectionId: string): Promise<SsoConnection> {
  const connection = await em.findOne(SsoConnection, { id: connectionId, workspace: membership.access.workspaceId });
  if (!connection) throw new AppError('NOT_FOUND');
  return connection;
}

/**
 * The protocol's settings are there for the connection's kind (and only
 * theirs); the issuer or sign-in URL is one the product may call; the
 * certificates are certificates; the role mappings name each value once.
 * The certificates as the connection keeps them (base64 DER) are returned.
 */
function checkInput(config: ServiceConfig, kind: SsoKind, input: SsoConnectionInput): string[] {
  if ((kind === 'oidc' && (!input.oidc || input.saml)) || (kind === 'saml' && (!input.saml || input.oidc))) throw new AppError('INVALID_INPUT', { fields: { [kind]: 'required' } });
  if (input.oidc) {
    const problem = ssoUrlProblem(input.oidc.issuer, { allowHttp: config.outboundAllowPrivate });
    if (problem) throw new AppError('INVALID_INPUT', { fields: { issuer: problem } });
  }
  let certificates: string[] = [];
  if (input.saml) {
    // Sign-in URLs of some directories carry their tenant in the query (Google's idpid).
    const problem = ssoUrlProblem(input.saml.ssoUrl, { allowHttp: config.outboundAllowPrivate, allowQuery: true });
    if (problem) throw new AppError('INVALID_INPUT', { fields: { ssoUrl: problem } });
    certificates = [...new Set(input.saml.certificates.map(normalizeCertificate))] as string[];
    if (certificates.includes(null as never)) throw new AppError('INVALID_INPUT', { fields: { certificates: 'certificate' } });
    if (certificates.length > SAML_CERTIFICATES_MAX) throw new AppError('INVALID_INPUT', { fields: { certificates: 'too_many' } });
  }
  const values = input.roleMappings.map((mapping) => mapping.value.trim().toLowerCase());
  if (new Set(values).size !== values.length) throw new AppError('INVALID_INPUT', { fields: { roleMappings: 'duplicate' } });
  return certificates;
}

export async function listSsoConnections(options: { em: EntityManager; config: ServiceConfig; membership: Membership }): Promise<SsoConnectionView[]> {
  const connections = await options.em.find(SsoConnection, { workspace: options.membership.access.workspaceId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return connections.map((connection) => connectionView(options.config, connection));
}

/** Who may sign in through which directory: a sensitive change, after a recent sign-in (or the admin's confirmation). */
const assertRecentAdmin = (options: AdminCall & { proof?: Proof | undefined }) =>
  assertRecentSignIn({ em: options.em, config: options.config, actor: options.actor, policy: securityPolicyOf(options.membership.workspace), proof: options.proof ?? {} });

export async function createSsoConnection(options: AdminCall & { kind: SsoKind; input: SsoConnectionInput; proof?: Proof | undefined }): Promise<SsoConnectionView> {
  const { em, config, actor, membership, input } = options;
  await assertRecentAdmin(options);
  const certificates = checkInput(config, options.kind, input);
  if (options.kind === 'oidc' && !input.oidc?.clientSecret) throw new AppError('INVALID_INPUT', { fields: { clientSecret: 'required' } });
  return em.transactional(async (tx) => {
    const workspaceId = membership.access.workspaceId;
    if ((await tx.count(SsoConnection, { workspace: workspaceId })) >= SSO_CONNECTIONS_PER_WORKSPACE) throw new AppError('INVALID_INPUT', { fields: { name: 'too_many' } });
    const connection = tx.create(SsoConnection, {
      workspace: workspaceId,
      kind: options.kind,
      ...settingsOf(input),
      oidcIssuer: input.oidc?.issuer ?? null,
      oidcClientId: input.oidc?.clientId ?? null,
      oidcClientSecretSealed: input.oidc?.clientSecret ? sealSecret(config, input.oidc.clientSecret) : null,
      samlEntityId: input.saml?.entityId ?? null,
      samlSsoUrl: input.saml?.ssoUrl ?? null,
      samlCertificates: certificates,
      samlAllowIdpInitiated: input.saml?.allowIdpInitiated ?? false,
      createdBy: tx.getReference(Profile, actor.profileId),
    });
    recordAudit(tx, actor, { workspaceId, action: 'sso_connection.created', details: { connectionId: connection.id, name: connection.name, kind: connection.kind, issuer: connection.oidcIssuer ?? connection.samlEntityId } });
    await tx.flush();
    return connectionView(config, connection);
  });
}

const AUDITED = ['name', 'enabled', 'defaultRole', 'emailAttribute', 'nameAttribute', 'roleAttribute', 'roleMappings', 'oidcIssuer', 'oidcClientId', 'samlEntityId', 'samlSsoUrl', 'samlAllowIdpInitiated'] as const;

/** Changes what the admin sent; a client secret left out stays as it was. */
export async function updateSsoConnection(options: AdminCall & { connectionId: string; input: SsoConnectionInput; proof?: Proof | undefined }): Promise<SsoConnectionView> {
  const { em, config, actor, membership, input } = options;
  await assertRecentAdmin(options);
  return em.transactional(async (tx) => {
    const connection = await findConnection(tx, membership, options.connectionId);
    const certificates = checkInput(config, connection.kind, input);
    const snapshot = () => Object.fromEntries(AUDITED.map((field) => [field, connection[field]])) as Record<(typeof AUDITED)[number], unknown>;
    const before = snapshot();
    Object.assign(connection, settingsOf(input));
    if (connection.kind === 'oidc' && input.oidc) {
      connection.oidcIssuer = input.oidc.issuer;
      connection.oidcClientId = input.oidc.clientId;
      if (input.oidc.clientSecret) connection.oidcClientSecretSealed = sealSecret(config, input.oidc.clientSecret);
    }
    const fingerprints = (bodies: string[]) => bodies.map((body) => certificateView(body).fingerprint).join(', ');
    const certificatesBefore = fingerprints(connection.samlCertificates);
    if (connection.kind === 'saml' && input.saml) {
      connection.samlEntityId = input.saml.entityId;
      connection.samlSsoUrl = input.saml.ssoUrl;
      connection.samlAllowIdpInitiated = input.saml.allowIdpInitiated;
      connection.samlCertificates = certificates;
    }
    const changes: Record<string, unknown> = fieldChanges(before, snapshot(), AUDITED);
    if (input.oidc?.clientSecret) changes.clientSecret = { from: '…', to: '…' };
    // A certificate is named by its fingerprint, as the directory's admin sees it.
    if (fingerprints(connection.samlCertificates) !== certificatesBefore) changes.certificates = { from: certificatesBefore, to: fingerprints(connection.samlCertificates) };
    if (Object.keys(changes).length) {
      connection.updatedAt = new Date();
      recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'sso_connection.updated', details: { connectionId: connection.id, name: connection.name, ...changes } });
    }
    await tx.flush();
    return connectionView(config, connection);
  });
}

export async function removeSsoConnection(options: AdminCall & { connectionId: string }): Promise<void> {
  const { em, actor, membership } = options;
  await em.transactional(async (tx) => {
    const connection = await findConnection(tx, membership, options.connectionId);
    recordAudit(tx, actor, { workspaceId: membership.access.workspaceId, action: 'sso_connection.removed', details: { connectionId: connection.id, name: connection.name, kind: connection.kind } });
    tx.remove(connection);
    await tx.flush();
  });
}

export interface SsoEventView {
  id: string;
  succeeded: boolean;
  reason: SsoFailureReason | null;
  detail: string | null;
  email: string | null;
  createdAt: string;
}

/** The connection's latest sign-ins and failures, newest first. */
export async function listSsoEvents(options: { em: EntityManager; membership: Membership; connectionId: string }): Promise<SsoEventView[]> {
  const connection = await findConnection(options.em, options.membership, options.connectionId);
  const events = await options.em.find(SsoEvent, { connection: connection.id }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: SSO_EVENTS_KEPT });
  return events.map((event) => ({ id: event.id, succeeded: event.succeeded, reason: event.reason ?? null, detail: event.detail ?? null, email: event.email ?? null, createdAt: event.createdAt.toISOString() }));
}

/** "Test connection": the directory answers as it should (for OIDC: its discovery document), or why not, in the failure's words. */
export async function testSsoConnection(options: { em: EntityManager; config: ServiceConfig; membership: Membership; connectionId: string }): Promise<{ ok: true; issuer: string } | { ok: false; reason: SsoFailureReason; detail: string }> {
  const connection = await findConnection(options.em, options.membership, options.connectionId);
  try {
    if (connection.kind === 'saml') return { ok: true, issuer: await testSamlDirectory(samlSettingsOf(options.config, connection), options.config) };
    const { issuer } = await discoverOidcIssuer(connection, await oidcSettingsOf(options.em, options.config, connection));
    return { ok: true, issuer };
  } catch (error) {
    const failure = ssoFailureOf(error);
    return { ok: false, reason: failure.reason, detail: failure.message };
  }
}

/** The OIDC client settings of a connection, its secret unsealed. */
export async function oidcSettingsOf(em: EntityManager, config: ServiceConfig, connection: SsoConnection) {
  // The secret is a lazy column: read it for this use only, whichever context loaded the connection.
  const sealed = (await em.findOne(SsoConnection, { id: connection.id }, { fields: ['oidcClientSecretSealed'], populate: ['oidcClientSecretSealed'] }))?.oidcClientSecretSealed;
  if (connection.kind !== 'oidc' || !connection.oidcIssuer || !connection.oidcClientId || !sealed) throw new AppError('NOT_FOUND');
  return { issuer: connection.oidcIssuer, clientId: connection.oidcClientId, clientSecret: new TextDecoder().decode(clientSecretBox(config).open(sealed)), allowPrivate: config.outboundAllowPrivate };
}

/** A SAML connection's values for the round trip: ours from PUBLIC_URL, the directory's as the admin imported them. */
export function samlSettingsOf(config: ServiceConfig, connection: SsoConnection): SamlDirectorySettings {
  if (connection.kind !== 'saml' || !connection.samlEntityId || !connection.samlSsoUrl || !connection.samlCertificates.length) throw new AppError('NOT_FOUND');
  return {
    spEntityId: ssoMetadataUrl(config, connection.id),
    acsUrl: ssoAcsUrl(config, connection.id),
    idpEntityId: connection.samlEntityId,
    ssoUrl: connection.samlSsoUrl,
    certificates: connection.samlCertificates,
    allowIdpInitiated: connection.samlAllowIdpInitiated,
  };
}

/** A SAML directory has no discovery to ask: a certificate still valid, and its sign-in URL answering. */
async function testSamlDirectory(settings: SamlDirectorySettings, config: ServiceConfig): Promise<string> {
  if (!settings.certificates.some((body) => Date.parse(certificateView(body).expiresAt) > Date.now())) throw new SsoFailure('signature', 'every signing certificate of the directory has expired');
  // A real request, as a person's browser brings it: the directory should show its sign-in page (or send to it), not an error.
  const { url } = await startSamlSignIn(settings, null);
  const answer = await guardedFetch({ timeoutMs: 10_000, allowPrivate: config.outboundAllowPrivate, maxBytes: 512 * 1024 })(url, {});
  if (answer.status >= 400) throw new SsoFailure(answer.status >= 500 ? 'unreachable' : 'refused', `the sign-in URL answered ${answer.status} to our request`);
  return settings.idpEntityId;
}

/** An identity provider's metadata, pasted or at a URL, read into the values a SAML connection's form takes. */
export async function readSamlMetadata(options: { config: ServiceConfig; source: { xml: string } | { url: string } }): Promise<{ entityId: string; ssoUrl: string; certificates: CertificateView[] }> {
  const { source, config } = options;
  const metadata = 'xml' in source ? parseIdpMetadata(source.xml) : await fetchIdpMetadata(source.url, { allowPrivate: config.outboundAllowPrivate });
  return { entityId: metadata.entityId, ssoUrl: metadata.ssoUrl, certificates: metadata.certificates.map(certificateView) };
}
