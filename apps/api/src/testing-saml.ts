import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import * as samlify from 'samlify';
import { generate } from 'selfsigned';
import { freePort } from '@gatehouse/embedded-postgres';

/*
 * A company directory speaking SAML 2.0, for single sign-on tests: samlify's
 * identity provider on 127.0.0.1, signing with a key made for the test. Its
 * /sso takes our AuthnRequest (HTTP-Redirect), finds the service provider
 * by the request's issuer (our entity id is our metadata's URL, which it
 * reads), picks the person by `login_hint`, and answers with the page that
 * posts the signed response to our ACS, as a directory with an open session
 * would. `respond` makes any response by hand, for the attacks.
 */

// The test directory's own XML is trusted; its schema check would need a Java-backed validator.
samlify.setSchemaValidator({ validate: async () => 'skipped' });

/** A person the directory knows: the NameID it sends, and the attributes beside it. */
export interface SamlAccount {
  nameId: string;
  attributes: Record<string, string[]>;
}

export interface SigningKey {
  privateKey: string;
  certificate: string;
}

/** A key pair and a self-signed certificate, as a directory's admin downloads it. */
export async function signingKey(validity: { notBefore?: Date; notAfter?: Date } = {}): Promise<SigningKey> {
  const made = await generate([{ name: 'commonName', value: 'Company directory SAML signing' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: validity.notBefore ?? new Date(Date.now() - 86_400_000),
    notAfterDate: validity.notAfter ?? new Date(Date.now() + 365 * 86_400_000),
  });
  return { privateKey: made.private, certificate: made.cert };
}

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a hand-made response says; every field left out takes the value a well-behaved directory would send. */
export interface ResponseShape {
  account: SamlAccount;
  /** The id of the AuthnRequest answered; null: unsolicited (IdP-initiated). */
  inResponseTo: string | null;
  /** Template tags replaced as given (Issuer, Audience, SubjectRecipient, Destination, NotOnOrAfter dates…). */
  tags?: Record<string, string | undefined>;
  /** Sign with another key than the one the metadata names. */
  key?: SigningKey;
  relayState?: string;
}

/**
 * `host: 'localhost'` puts the directory on the same site as a test server
 * (whose public URL is on localhost), as a browser sees sites: the posted
 * answer then carries the sign-in's cookie, which on plain http may only be
 * SameSite=Lax (on https it is SameSite=None; Secure, and any site works).
 */
export async function startSamlDirectory(options: { port?: number; host?: '127.0.0.1' | 'localhost'; accounts: Map<string, SamlAccount>; key?: SigningKey; entityId?: string }) {
  const port = options.port ?? (await freePort());
  const origin = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const entityId = options.entityId ?? `${origin}/metadata`;
  const key = options.key ?? (await signingKey());
  const directoryWith = (signing: SigningKey) =>
    samlify.IdentityProvider({
      entityID: entityId,
      privateKey: signing.privateKey,
      signingCert: signing.certificate,
      singleSignOnService: [{ Binding: REDIRECT, Location: `${origin}/sso` }],
      singleLogoutService: [{ Binding: REDIRECT, Location: `${origin}/slo` }],
      nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
      wantAuthnRequestsSigned: false,
    });
  const directory = directoryWith(key);
  const metadata = directory.getMetadata();
  const serviceProviders = new Map<string, ReturnType<typeof samlify.ServiceProvider>>();

  /** Our service provider as the directory knows it: from its metadata, at its entity id. */
  async function serviceProvider(spEntityId: string) {
    const known = serviceProviders.get(spEntityId);
    if (known) return known;
    const response = await fetch(spEntityId);
    if (!response.ok) throw new Error(`no metadata at ${spEntityId} (${response.status})`);
    const sp = samlify.ServiceProvider({ metadata: await response.text() });
    serviceProviders.set(spEntityId, sp);
    return sp;
  }

  /** A signed login response for `spEntityId`, base64, and where it is to be posted. */
  async function respond(spEntityId: string, shape: ResponseShape): Promise<{ samlResponse: string; acsUrl: string }> {
    const sp = await serviceProvider(spEntityId);
    const acsUrl = sp.entityMeta.getAssertionConsumerService('post') as string;
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 60_000).toISOString();
    const attributes = Object.entries(shape.account.attributes)
      .map(([name, values]) => `<saml:Attribute Name="${escapeXml(name)}">${values.map((value) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(value)}</saml:AttributeValue>`).join('')}</saml:Attribute>`)
      .join('');
    const tags: Record<string, string | undefined> = {
      ID: `_${randomBytes(16).toString('hex')}`,
      AssertionID: `_${randomBytes(16).toString('hex')}`,
      Destination: acsUrl,
      Audience: spEntityId,
      SubjectRecipient: acsUrl,
      Issuer: entityId,
      IssueInstant: now.toISOString(),
      StatusCode: samlify.Constants.StatusCode.Success,
      ConditionsNotBefore: now.toISOString(),
      ConditionsNotOnOrAfter: later,
      SubjectConfirmationDataNotOnOrAfter: later,
      NameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      NameID: shape.account.nameId,
      InResponseTo: shape.inResponseTo ?? undefined,
      AuthnStatement: `<saml:AuthnStatement AuthnInstant="${now.toISOString()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
      ...shape.tags,
    };
    // The statements are XML, not text: put in after the escaping replacement.
    const statements = { AuthnStatement: tags.AuthnStatement ?? '', AttributeStatement: attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '' };
    const signer = shape.key ? directoryWith(shape.key) : directory;
    const made = await signer.createLoginResponse(sp, { extract: {} }, 'post', {}, {
      customTagReplacement: (template: string) => {
        const { AuthnStatement: _authn, AttributeStatement: _attributes, ...text } = tags;
        const xml = samlify.SamlLib.replaceTagsByValue(template, text).replace('{AuthnStatement}', statements.AuthnStatement).replace('{AttributeStatement}', statements.AttributeStatement);
        return { id: tags.ID!, context: xml };
      },
      relayState: shape.relayState,
    });
    return { samlResponse: made.context, acsUrl };
  }

  /** The page a directory answers with: a form the browser posts at once. */
  const autoPost = (acsUrl: string, samlResponse: string, relayState?: string) =>
    `<!doctype html><html><body><form method="post" action="${escapeXml(acsUrl)}"><input type="hidden" name="SAMLResponse" value="${escapeXml(samlResponse)}">${relayState ? `<input type="hidden" name="RelayState" value="${escapeXml(relayState)}">` : ''}<noscript><button>Continue</button></noscript></form><script>document.forms[0].submit()</script></body></html>`;

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname === '/metadata') return void res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(metadata);
      if (url.pathname !== '/sso') return void res.writeHead(404).end();
      if (!url.searchParams.get('SAMLRequest')) return void res.writeHead(400).end('no SAMLRequest');
      const request = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
      const spEntityId = /<(?:saml2?:)?Issuer[^>]*>([^<]+)</.exec(request)?.[1];
      if (!spEntityId) return void res.writeHead(400).end('no issuer in the request');
      const sp = await serviceProvider(spEntityId);
      const parsed = await directory.parseLoginRequest(sp, 'redirect', { query: Object.fromEntries(url.searchParams) });
      const account = options.accounts.get(url.searchParams.get('login_hint') ?? '');
      // Nobody known (no open session): the directory's own sign-in page.
      if (!account) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Sign in</title><form><input name="username"></form>');
      const made = await respond(spEntityId, { account, inResponseTo: (parsed.extract.request?.id as string | undefined) ?? null, relayState: url.searchParams.get('RelayState') ?? undefined });
      const page = autoPost(made.acsUrl, made.samlResponse, url.searchParams.get('RelayState') ?? undefined);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    })().catch((error: unknown) => (res.headersSent ? res.end() : res.writeHead(500).end(String((error as Error).stack ?? error))));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  // localhost may resolve to ::1 first: answer there too, where the machine has IPv6.
  const ipv6 = options.host === 'localhost' ? http.createServer(server.listeners('request')[0] as http.RequestListener) : null;
  if (ipv6) await new Promise<void>((resolve) => ipv6.once('error', () => resolve()).listen(port, '::1', resolve));
  return {
    entityId,
    ssoUrl: `${origin}/sso`,
    metadataUrl: `${origin}/metadata`,
    metadata,
    certificate: key.certificate,
    respond,
    autoPost,
    close: async () => {
      ipv6?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type SamlDirectory = Awaited<ReturnType<typeof startSamlDirectory>>;
