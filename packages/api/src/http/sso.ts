import express, { Router, type Request, type Response } from 'express';
import { SecretBox } from '@gatehouse/auth';
import { SsoConnection, type Orm } from '@gatehouse/db';
import { DEFAULT_LOCALE, negotiateLocale, SAML_RESPONSE_MAX_BYTES, sessionAbsoluteEndsAt, SSO_ATTEMPT_TTL_MS } from '@gatehouse/domain';
import {
  finishOidcSignIn,
  finishSamlSignIn,
  oidcSettingsOf,
  personFromAssertion,
  personFromClaims,
  recordSsoEvent,
  samlServiceProviderMetadata,
  samlSettingsOf,
  signInThroughSso,
  ssoCallbackUrl,
  SsoFailure,
  SSO_ROUTES_BASE,
  ssoFailureOf,
  startOidcSignIn,
  startSamlSignIn,
  type DirectoryPerson,
  type OidcAttempt,
  type SamlAttempt,
  type ServiceConfig,
} from '@gatehouse/services';
import { requestOrigin } from './origin.ts';
import { requestIdOf } from './request-id.ts';
import { readCookie, setSessionCookie, type SessionCookieSettings } from './session-cookie.ts';
import { safeNext } from './social.ts';

type Logger = { warn(details: object, message: string): void };

const STATE_COOKIE = 'gatehouse_sso';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PendingAttempt {
  connectionId: string;
  oidc?: OidcAttempt;
  saml?: SamlAttempt;
  next: string;
  expiresAt: number;
}

/**
 * /auth/sso/:connection/start, then …/callback (OpenID Connect) or …/acs
 * (SAML, posted by the directory): the browser's trip to the company's
 * directory and back. As for social sign-in, what the answer must match
 * (state, PKCE verifier and nonce; the SAML request's id) travels sealed in
 * an HttpOnly cookie scoped to this path, and our URLs come from PUBLIC_URL.
 * Every outcome is noted on the connection's page (its reason in plain words
 * for the admin); the person sees the portal's sign-in page with a
 * catalogue code. …/metadata is the SAML connection's document for the
 * directory's admin.
 */
/** Where the routes are mounted; the services build the connections' URLs from the same base. */
export const SSO_PATH = SSO_ROUTES_BASE;

export function ssoRoutes(options: { orm: Orm; config: ServiceConfig; publicUrl: URL; cookie: SessionCookieSettings; logger: Logger }): Router {
  const { orm, config, publicUrl, cookie, logger } = options;
  const box = new SecretBox(config.appSecret, 'sso-state');
  const router = Router();
  const fail = (res: Response, code: string, workspace?: string) =>
    res.redirect(303, `/signin?error=${encodeURIComponent(code)}${workspace ? `&workspace=${encodeURIComponent(workspace)}` : ''}`);

  const connectionOf = async (id: string | undefined) => (id && UUID.test(id) ? orm.em.fork().findOne(SsoConnection, { id: id.toLowerCase() }, { populate: ['workspace'] }) : null);

  router.get('/:connection/start', async (req, res) => {
    const connection = await connectionOf(req.params.connection);
    if (!connection || !connection.enabled) return void fail(res, 'NOT_FOUND');
    const em = orm.em.fork();
    try {
      const loginHint = typeof req.query.login_hint === 'string' ? req.query.login_hint.slice(0, 320) : null;
      const pending: PendingAttempt = { connectionId: connection.id, next: safeNext(req.query.next, publicUrl), expiresAt: Date.now() + SSO_ATTEMPT_TTL_MS };
      let url: string;
      if (connection.kind === 'saml') ({ url, attempt: pending.saml } = await startSamlSignIn(samlSettingsOf(config, connection), loginHint));
      else ({ url, attempt: pending.oidc } = await startOidcSignIn(connection, await oidcSettingsOf(em, config, connection), ssoCallbackUrl(config, connection.id), loginHint));
      // The SAML answer is a form the directory's page posts to us, cross-site: only a SameSite=None cookie comes along (Secure, so on https only; plain http is this machine, same-site anyway).
      const sameSite = connection.kind === 'saml' && cookie.secure ? 'none' : 'lax';
      res.cookie(STATE_COOKIE, box.seal(new TextEncoder().encode(JSON.stringify(pending))), { httpOnly: true, sameSite, secure: cookie.secure, path: SSO_PATH, maxAge: SSO_ATTEMPT_TTL_MS });
      res.redirect(303, url);
    } catch (error) {
      const failure = ssoFailureOf(error);
      await recordSsoEvent(em, connection.id, { succeeded: false, failure, email: null });
      logger.warn({ err: error, connection: connection.id, requestId: requestIdOf(req) }, 'single sign-on could not start');
      fail(res, 'SSO_FAILED', connection.workspace.getEntity().slug);
    }
  });

  /** The browser's sealed attempt for this connection, or why there is none (which the connection's page notes). */
  const pendingOf = (req: Request, res: Response, connection: SsoConnection): PendingAttempt | Error => {
    const sealed = readCookie(req, STATE_COOKIE);
    res.clearCookie(STATE_COOKIE, { path: SSO_PATH });
    try {
      const pending = JSON.parse(new TextDecoder().decode(box.open(sealed ?? ''))) as PendingAttempt;
      if (pending.connectionId !== connection.id) throw new Error('the sign-in began at another connection');
      if (pending.expiresAt < Date.now()) throw new Error('the sign-in took longer than ten minutes');
      return pending;
    } catch (error) {
      return new Error(`state: ${sealed ? (error as Error).message : 'this browser kept no sign-in (cookie missing)'}`);
    }
  };

  /** The directory vouched for `person` (from `readPerson`): they come in as its rules say, or the failure is noted and shown. */
  const complete = async (req: Request, res: Response, connection: SsoConnection, next: string, readPerson: () => Promise<DirectoryPerson>) => {
    const slug = connection.workspace.getEntity().slug;
    let email: string | null = null;
    try {
      const person = await readPerson();
      email = person.email;
      const em = orm.em.fork();
      const outcome = await signInThroughSso({ em, config, connection, person, origin: requestOrigin(req, res, cookie, { bearer: false }), locale: negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE });
      await recordSsoEvent(orm.em.fork(), connection.id, { succeeded: true, email, profileId: outcome.status === 'two_factor_required' ? null : outcome.profile.id });
      if (outcome.status === 'two_factor_required') return void res.redirect(303, `/signin?next=${encodeURIComponent(next)}#challenge=${outcome.challengeId}`);
      setSessionCookie(res, cookie, outcome.token, sessionAbsoluteEndsAt(outcome.session));
      res.redirect(303, next);
    } catch (error) {
      const failure = ssoFailureOf(error);
      await recordSsoEvent(orm.em.fork(), connection.id, { succeeded: false, failure, email });
      if (failure.reason === 'malformed' || failure.reason === 'unreachable') logger.warn({ err: error, connection: connection.id, requestId: requestIdOf(req) }, 'single sign-on failed');
      fail(res, failure.code, slug);
    }
  };

  router.get('/:connection/callback', async (req, res) => {
    const connection = await connectionOf(req.params.connection);
    if (!connection || connection.kind !== 'oidc') return void fail(res, 'NOT_FOUND');
    const pending = pendingOf(req, res, connection);
    if (pending instanceof Error || !pending.oidc) {
      await recordSsoEvent(orm.em.fork(), connection.id, { succeeded: false, failure: ssoFailureOf(pending instanceof Error ? pending : new Error('state: the sign-in began as SAML')), email: null });
      return void fail(res, 'SSO_FAILED', connection.workspace.getEntity().slug);
    }
    const attempt = pending.oidc;
    await complete(req, res, connection, pending.next, async () => {
      const claims = await finishOidcSignIn(connection, await oidcSettingsOf(orm.em.fork(), config, connection), new URL(req.originalUrl, publicUrl), attempt);
      return personFromClaims(connection, claims);
    });
  });

  // The directory's answer, posted by the person's browser from the directory's page.
  const readForm = express.urlencoded({ extended: false, limit: SAML_RESPONSE_MAX_BYTES + 4096, parameterLimit: 10 });
  /** The directory's form, or why it cannot be read (too large): the person still sees the sign-in page, the connection's page why. */
  const formOf = (req: Request, res: Response) =>
    new Promise<Record<string, unknown> | SsoFailure>((resolve) =>
      readForm(req, res, (error?: unknown) => resolve(error ? new SsoFailure('malformed', `the form posted cannot be read (${(error as { type?: string }).type ?? 'unreadable'})`) : ((req.body ?? {}) as Record<string, unknown>))),
    );

  router.post('/:connection/acs', async (req, res) => {
    const connection = await connectionOf(req.params.connection);
    if (!connection || connection.kind !== 'saml' || !connection.enabled) return void fail(res, 'NOT_FOUND');
    const form = await formOf(req, res);
    const pending = pendingOf(req, res, connection);
    // No attempt from this browser: the directory began the sign-in itself (allowed only where the admin turned it on).
    const attempt = pending instanceof Error ? null : (pending.saml ?? null);
    const body = form instanceof SsoFailure ? {} : form;
    const next = pending instanceof Error || !attempt ? safeNext(body.RelayState, publicUrl) : pending.next;
    await complete(req, res, connection, next, async () => {
      if (form instanceof SsoFailure) throw form;
      const profile = await finishSamlSignIn(orm.em.fork(), connection.id, samlSettingsOf(config, connection), body.SAMLResponse, attempt);
      return personFromAssertion(connection, profile);
    });
  });

  router.get('/:connection/metadata', async (req, res) => {
    const connection = await connectionOf(req.params.connection);
    if (!connection || connection.kind !== 'saml') return void res.status(404).type('text/plain').send('No such SAML connection.');
    res.type('application/samlmetadata+xml').set('Content-Disposition', `inline; filename="gatehouse-${connection.id}.xml"`).send(samlServiceProviderMetadata(samlSettingsOf(config, connection)));
  });
  return router;
}
