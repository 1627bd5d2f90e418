import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { AppError, SAML_CERTIFICATE_MAX_LENGTH, SAML_METADATA_MAX_LENGTH, ssoUrlProblem } from '@gatehouse/domain';
import { guardedFetch } from '../shared/outbound.ts';
import { SsoFailure } from './sso-failure.ts';

/*
 * A SAML directory's metadata: the document its admin downloads (or serves
 * at a URL) naming its entity id, its sign-in URL and its signing
 * certificates. Read here into the values a connection keeps; no DOCTYPE
 * (the way in for entity expansion and external entities) is ever parsed.
 */

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** Refuses XML with a document type declaration: nothing a directory sends needs one, and entities are how XML attacks begin. */
export function refuseDocumentType(xml: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SsoFailure('malformed', 'the XML carries a DOCTYPE or an entity declaration');
}

export interface CertificateView {
  subject: string;
  expiresAt: string;
  /** SHA-256 fingerprint, as directories show it, to compare by eye. */
  fingerprint: string;
  /** The certificate itself, to send back unchanged when the connection is edited. */
  pem: string;
}

/** A certificate as pasted (PEM, or the base64 body alone), as base64 DER; null when it is not one. */
export function normalizeCertificate(text: string): string | null {
  if (text.length > SAML_CERTIFICATE_MAX_LENGTH) return null;
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  if (!body || !/^[A-Za-z0-9+/]+=*$/.test(body)) return null;
  try {
    new X509Certificate(Buffer.from(body, 'base64'));
    return body;
  } catch {
    return null;
  }
}

export function certificateView(body: string): CertificateView {
  const certificate = new X509Certificate(Buffer.from(body, 'base64'));
  return { subject: certificate.subject.replace(/\n/g, ', '), expiresAt: new Date(certificate.validTo).toISOString(), fingerprint: certificate.fingerprint256, pem: certificatePem(body) };
}

export function certificatePem(body: string): string {
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----`;
}

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  /** base64 DER */
  certificates: string[];
}

function parseXml(xml: string): Document {
  refuseDocumentType(xml);
  const problems: string[] = [];
  const record = (message: string) => void problems.push(message);
  const document = new DOMParser({ errorHandler: { warning: () => {}, error: record, fatalError: record } }).parseFromString(xml, 'text/xml');
  if (problems.length || !document?.documentElement) throw new SsoFailure('malformed', `not an XML document: ${problems[0] ?? 'empty'}`.slice(0, 300));
  return document as unknown as Document;
}

/**
 * The values an identity provider's metadata names: its entity id, its
 * HTTP-Redirect sign-in URL and its signing certificates (those marked for
 * signing, or for any use).
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const notMetadata = new AppError('INVALID_INPUT', { fields: { metadata: 'saml_metadata' } });
  let document: Document;
  try {
    if (xml.length > SAML_METADATA_MAX_LENGTH) throw notMetadata;
    document = parseXml(xml);
  } catch {
    throw notMetadata;
  }
  const entities = Array.from(document.getElementsByTagNameNS(MD, 'EntityDescriptor')).filter((entity) => entity.getElementsByTagNameNS(MD, 'IDPSSODescriptor').length > 0);
  // One directory per document: a federation's aggregate would leave us guessing which.
  if (entities.length !== 1) throw notMetadata;
  const entity = entities[0]!;
  const descriptor = entity.getElementsByTagNameNS(MD, 'IDPSSODescriptor')[0]!;
  const entityId = entity.getAttribute('entityID')?.trim() ?? '';
  const ssoUrl = Array.from(descriptor.getElementsByTagNameNS(MD, 'SingleSignOnService')).find((service) => service.getAttribute('Binding') === REDIRECT_BINDING)?.getAttribute('Location')?.trim() ?? '';
  const certificates = Array.from(descriptor.getElementsByTagNameNS(MD, 'KeyDescriptor'))
    .filter((key) => (key.getAttribute('use') || 'signing') === 'signing')
    .flatMap((key) => Array.from(key.getElementsByTagNameNS(DS, 'X509Certificate')).map((node) => normalizeCertificate(node.textContent ?? '')))
    .filter((body, index, all): body is string => body !== null && all.indexOf(body) === index);
  if (!entityId || !ssoUrl || !certificates.length) throw notMetadata;
  return { entityId, ssoUrl, certificates };
}

/** The metadata a directory serves at a URL, fetched through the outbound guard. */
export async function fetchIdpMetadata(url: string, options: { allowPrivate: boolean }): Promise<IdpMetadata> {
  const problem = ssoUrlProblem(url, { allowHttp: options.allowPrivate, allowQuery: true });
  if (problem) throw new AppError('INVALID_INPUT', { fields: { metadataUrl: problem } });
  let xml: string;
  try {
    const answer = await guardedFetch({ timeoutMs: 10_000, allowPrivate: options.allowPrivate, maxBytes: SAML_METADATA_MAX_LENGTH })(url, { headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } });
    if (!answer.ok) throw new Error(`answered ${answer.status}`);
    xml = await answer.text();
  } catch {
    throw new AppError('INVALID_INPUT', { fields: { metadataUrl: 'unreachable' } });
  }
  return parseIdpMetadata(xml);
}
