import { randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { generateServiceProviderMetadata, SAML, SamlStatusError, ValidateInResponseTo, type CacheProvider, type Profile as SamlProfile } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import { SamlAssertion, SsoConnection, type EntityManager } from '@gatehouse/db';
import { SAML_CLOCK_SKEW_MS, SAML_RESPONSE_MAX_BYTES, SSO_ATTEMPT_TTL_MS } from '@gatehouse/domain';
import { certificatePem, refuseDocumentType } from './saml-metadata.ts';
import { SsoFailure } from './sso-failure.ts';

/*
 * The SAML 2.0 side of a connection, by node-saml: Gatehouse is the service
 * provider, the company's directory the identity provider. node-saml checks
 * the assertion's signature (against the connection's certificates only,
 * never a key the response carries), its dates, audience and InResponseTo;
 * this module adds what it leaves to its caller: the directory's issuer, the
 * recipient and destination, a status other than success (read only when
 * no assertion comes), unsolicited responses unless the admin allowed
 * them, and replay, by remembering every assertion id until it expires.
 */

/** What must survive the round trip: the id of our request, which the answer must name. */
export interface SamlAttempt {
  requestId: string;
  issuedAt: string;
}

export interface SamlDirectorySettings {
  /** Our entity id (the audience the assertion must name): the connection's metadata URL. */
  spEntityId: string;
  /** Where the directory posts its answer (the recipient and destination it must name). */
  acsUrl: string;
  idpEntityId: string;
  ssoUrl: string;
  /** The directory's signing certificates, base64 DER. */
  certificates: string[];
  allowIdpInitiated: boolean;
}

const NAMEID_TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const SAML_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/**
 * A service provider for one round trip. The request id it expects travels
 * in the browser's sealed cookie, not in a shared cache: the answer is taken
 * only from the browser that asked, whichever api process it reaches.
 */
function serviceProvider(settings: SamlDirectorySettings, attempt: SamlAttempt | null, requestId?: string): SAML {
  const expected: CacheProvider = {
    saveAsync: async (_key, value) => ({ value, createdAt: Date.now() }),
    getAsync: async (key) => (attempt && key === attempt.requestId ? attempt.issuedAt : null),
    removeAsync: async (key) => key,
  };
  return new SAML({
    callbackUrl: settings.acsUrl,
    entryPoint: settings.ssoUrl,
    issuer: settings.spEntityId,
    audience: settings.spEntityId,
    idpIssuer: settings.idpEntityId,
    idpCert: settings.certificates.map(certificatePem),
    wantAssertionsSigned: true,
    // Many directories sign only the assertion; a signed response around it adds nothing we rely on.
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
    // Our own answers must name our request; an unsolicited one (no InResponseTo) is let through only where the admin allowed it.
    validateInResponseTo: attempt ? ValidateInResponseTo.always : ValidateInResponseTo.ifPresent,
    requestIdExpirationPeriodMs: SSO_ATTEMPT_TTL_MS,
    cacheProvider: expected,
    // No NameID format or authentication context asked for: directories refuse requests they cannot meet (passwordless, MFA).
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    generateUniqueId: () => requestId ?? `_${randomBytes(20).toString('hex')}`,
  });
}

/** The directory's sign-in URL carrying our request (HTTP-Redirect binding), and what the answer must match. */
export async function startSamlSignIn(settings: SamlDirectorySettings, loginHint: string | null): Promise<{ url: string; attempt: SamlAttempt }> {
  const attempt: SamlAttempt = { requestId: `_${randomBytes(20).toString('hex')}`, issuedAt: new Date().toISOString() };
  // Entra ID and others take login_hint beside the request, as OIDC does, to skip their own address step.
  const url = await serviceProvider(settings, attempt, attempt.requestId).getAuthorizeUrlAsync('', undefined, loginHint ? { additionalParams: { login_hint: loginHint } } : {});
  return { url, attempt };
}

/** Our metadata for the directory's admin: entity id, where to post, signed assertions wanted. */
export function samlServiceProviderMetadata(settings: Pick<SamlDirectorySettings, 'spEntityId' | 'acsUrl'>): string {
  return generateServiceProviderMetadata({ issuer: settings.spEntityId, callbackUrl: settings.acsUrl, identifierFormat: null, wantAssertionsSigned: true });
}

/** node-saml's words as a reason an admin can act on. */
function samlFailureOf(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  const detail = message.slice(0, 300);
  if (error instanceof SamlStatusError) return new SsoFailure('idp_error', detail);
  if (/signature|certificate|digest|KeyInfo/i.test(message)) return new SsoFailure('signature', detail);
  if (/InResponseTo/i.test(message)) return new SsoFailure('in_response_to', detail);
  if (/not yet valid|expired|too old|subject confirmation/i.test(message)) return new SsoFailure('clock', detail);
  if (/audience/i.test(message)) return new SsoFailure('audience', detail);
  if (/issuer/i.test(message)) return new SsoFailure('issuer', detail);
  return new SsoFailure('malformed', detail);
}

type Xml2Js = { $?: Record<string, string | undefined>; _?: string } & { [child: string]: Xml2Js[] | undefined };

const child = (node: Xml2Js | undefined, name: string): Xml2Js | undefined => (node?.[name] as Xml2Js[] | undefined)?.[0];
const textOf = (node: Xml2Js | undefined): string | undefined => (typeof node === 'string' ? node : node?._)?.trim();

/**
 * What node-saml leaves to us, on the signed assertion only: the issuer is
 * the connection's directory; the bearer confirmation is for our ACS, still
 * valid, and answers our request (or, unsolicited, no request at all); the
 * response says success and, if it names a destination, names ours.
 */
function checkAssertion(settings: SamlDirectorySettings, profile: SamlProfile, attempt: SamlAttempt | null): { assertionId: string; expiresAt: Date } {
  const assertion = (profile.getAssertion?.() as { Assertion?: Xml2Js } | undefined)?.Assertion;
  const assertionId = assertion?.$?.ID;
  if (!assertion || !assertionId) throw new SsoFailure('malformed', 'the assertion has no ID');
  const issuer = textOf(child(assertion, 'Issuer'));
  if (issuer !== settings.idpEntityId) throw new SsoFailure('issuer', `the assertion comes from ${issuer ?? 'no issuer'}, not ${settings.idpEntityId}`.slice(0, 300));

  const now = Date.now();
  const confirmations = ((child(assertion, 'Subject')?.SubjectConfirmation ?? []) as Xml2Js[]).filter((confirmation) => confirmation.$?.Method === 'urn:oasis:names:tc:SAML:2.0:cm:bearer');
  const data = confirmations.map((confirmation) => child(confirmation, 'SubjectConfirmationData')?.$ ?? {});
  if (!data.length) throw new SsoFailure('malformed', 'the assertion has no bearer subject confirmation');
  const forUs = data.filter((entry) => entry.Recipient === settings.acsUrl);
  if (!forUs.length) throw new SsoFailure('recipient', `the assertion is for ${data[0]!.Recipient ?? 'no recipient'}, not ${settings.acsUrl}`.slice(0, 300));
  const valid = forUs.find((entry) => entry.NotOnOrAfter && now - SAML_CLOCK_SKEW_MS < Date.parse(entry.NotOnOrAfter));
  if (!valid) throw new SsoFailure('clock', 'the subject confirmation has expired (or names no NotOnOrAfter)');
  if (attempt ? valid.InResponseTo !== undefined && valid.InResponseTo !== attempt.requestId : valid.InResponseTo !== undefined)
    throw new SsoFailure('in_response_to', attempt ? 'the assertion answers another request' : 'the assertion answers a request, but none was made from this browser');

  const response = new DOMParser().parseFromString(profile.getSamlResponseXml?.() ?? '', 'text/xml').documentElement;
  // node-saml reads the status only of a response without an assertion; one that says the sign-in failed is not taken for its assertion.
  const status = Array.from(response?.getElementsByTagNameNS(SAML_PROTOCOL, 'Status') ?? []).find((node) => node.parentNode === response);
  const statusCode = status ? Array.from(status.getElementsByTagNameNS(SAML_PROTOCOL, 'StatusCode')).find((node) => node.parentNode === status)?.getAttribute('Value') : null;
  if (statusCode !== STATUS_SUCCESS) throw new SsoFailure('idp_error', `the directory answered ${statusCode ?? 'no status'}`.slice(0, 300));
  const destination = response?.getAttribute('Destination');
  if (destination && destination !== settings.acsUrl) throw new SsoFailure('recipient', `the response was sent to ${destination}, not ${settings.acsUrl}`.slice(0, 300));

  const conditionsEnd = child(assertion, 'Conditions')?.$?.NotOnOrAfter;
  const ends = [Date.parse(valid.NotOnOrAfter!), conditionsEnd ? Date.parse(conditionsEnd) : Infinity];
  return { assertionId: assertionId.slice(0, 256), expiresAt: new Date(Math.min(...ends) + SAML_CLOCK_SKEW_MS) };
}

/** An assertion is used once: its id is remembered until it expires, and a second use refused. */
async function rememberAssertion(em: EntityManager, connectionId: string, assertion: { assertionId: string; expiresAt: Date }): Promise<void> {
  try {
    await em.fork().insert(SamlAssertion, { connection: em.getReference(SsoConnection, connectionId), assertionId: assertion.assertionId, expiresAt: assertion.expiresAt });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new SsoFailure('replay', `assertion ${assertion.assertionId} was used before`.slice(0, 300));
    throw error;
  }
}

/**
 * The directory's answer as posted to our ACS, checked whole; the signed
 * assertion's profile. `attempt` is what this browser's cookie kept (null:
 * the directory began the sign-in itself).
 */
export async function finishSamlSignIn(em: EntityManager, connectionId: string, settings: SamlDirectorySettings, samlResponse: unknown, attempt: SamlAttempt | null): Promise<SamlProfile> {
  if (typeof samlResponse !== 'string' || !samlResponse || samlResponse.length > SAML_RESPONSE_MAX_BYTES || !/^[A-Za-z0-9+/=\s]+$/.test(samlResponse)) throw new SsoFailure('malformed', 'no SAMLResponse in the form, or not base64');
  refuseDocumentType(Buffer.from(samlResponse, 'base64').toString('utf8'));
  if (!attempt && !settings.allowIdpInitiated) throw new SsoFailure('unsolicited', 'the directory began a sign-in (IdP-initiated) and the connection does not allow it, or this browser did not keep its request');
  let profile: SamlProfile | null;
  try {
    profile = (await serviceProvider(settings, attempt).validatePostResponseAsync({ SAMLResponse: samlResponse })).profile;
  } catch (error) {
    throw samlFailureOf(error);
  }
  if (!profile) throw new SsoFailure('malformed', 'the response holds no sign-in');
  await rememberAssertion(em, connectionId, checkAssertion(settings, profile, attempt));
  return profile;
}

const stringsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim()).slice(0, 500);

/** Where directories put a person's email and name when the connection names no attribute: Entra's claim URIs, the LDAP OIDs, the plain names. */
const EMAIL_ATTRIBUTES = ['email', 'mail', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'urn:oid:0.9.2342.19200300.100.1.3', 'Email', 'emailAddress'];
const NAME_ATTRIBUTES = ['name', 'displayName', 'http://schemas.microsoft.com/identity/claims/displayname', 'urn:oid:2.16.840.1.113730.3.1.241', 'displayname'];
const GIVEN_NAME = ['givenName', 'firstName', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'urn:oid:2.5.4.42'];
const SURNAME = ['surname', 'sn', 'lastName', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'urn:oid:2.5.4.4'];

/** The person in a SAML assertion, through the connection's attribute mapping (or the usual attribute names). */
export function personFromAssertion(connection: Pick<SsoConnection, 'emailAttribute' | 'nameAttribute' | 'roleAttribute'>, profile: SamlProfile) {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const first = (names: readonly string[]) => names.map((name) => stringsOf(attributes[name])[0]).find(Boolean) ?? null;
  const nameId = profile.nameID?.trim() ?? '';
  const email = connection.emailAttribute ? (stringsOf(attributes[connection.emailAttribute])[0] ?? null) : (first(EMAIL_ATTRIBUTES) ?? (nameId.includes('@') ? nameId : null));
  const name = connection.nameAttribute ? (stringsOf(attributes[connection.nameAttribute])[0] ?? null) : (first(NAME_ATTRIBUTES) ?? ([first(GIVEN_NAME), first(SURNAME)].filter(Boolean).join(' ') || null));
  // A transient NameID changes at every sign-in: the person is then known by their address.
  const subject = profile.nameIDFormat === NAMEID_TRANSIENT || !nameId ? `email:${email?.toLowerCase() ?? ''}` : nameId.slice(0, 255);
  return { subject, email, name, roleValues: connection.roleAttribute ? stringsOf(attributes[connection.roleAttribute]) : [] };
}
