import { Router, type Response } from 'express';
import { SecretBox } from '@gatehouse/auth';
import { SsoConnection, type Orm } from '@gatehouse/db';
import { DEFAULT_LOCALE, negotiateLocale, sessionAbsoluteEndsAt, SSO_ATTEMPT_TTL_MS } from '@gatehouse/domain';
import {
  finishOidcSignIn,
  oidcSettingsOf,
  personFromClaims,
  recordSsoEvent,
  signInThroughSso,
  ssoCallbackUrl,
  SSO_ROUTES_BASE,
  ssoFailureOf,
  startOidcSignIn,
  type OidcAttempt,
  type ServiceConfig,
  type SsoFailure,
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
  attempt: OidcAttempt;
  next: string;
  expiresAt: number;
}

/**
 * /auth/sso/:connection/start and …/callback: the browser's trip to the
 * company's directory and back. As for social sign-in, the state, PKCE
 * verifier and nonce travel sealed in an HttpOnly cookie scoped to this path,
 * and the callback URL comes from PUBLIC_URL. Every outcome is noted on the
 * connection's page (its reason in plain words for the admin); the person
 * sees the portal's sign-in page with a catalogue code.
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
      const { url, attempt } = await startOidcSignIn(connection, await oidcSettingsOf(em, config, connection), ssoCallbackUrl(config, connection.id), loginHint);
      const pending: PendingAttempt = { connectionId: connection.id, attempt, next: safeNext(req.query.next, publicUrl), expiresAt: Date.now() + SSO_ATTEMPT_TTL_MS };
      res.cookie(STATE_COOKIE, box.seal(new TextEncoder().encode(JSON.stringify(pending))), { httpOnly: true, sameSite: 'lax', secure: cookie.secure, path: '/auth/sso', maxAge: SSO_ATTEMPT_TTL_MS });
      res.redirect(303, url);
    } catch (error) {
      const failure = ssoFailureOf(error);
      await recordSsoEvent(em, connection.id, { succeeded: false, failure, email: null });
      logger.warn({ err: error, connection: connection.id, requestId: requestIdOf(req) }, 'single sign-on could not start');
      fail(res, 'SSO_FAILED', connection.workspace.getEntity().slug);
    }
  });

  router.get('/:connection/callback', async (req, res) => {
    const connection = await connectionOf(req.params.connection);
    const sealed = readCookie(req, STATE_COOKIE);
    res.clearCookie(STATE_COOKIE, { path: '/auth/sso' });
    if (!connection) return void fail(res, 'NOT_FOUND');
    const slug = connection.workspace.getEntity().slug;
    const em = orm.em.fork();
    const note = (failure: SsoFailure, email: string | null) => recordSsoEvent(orm.em.fork(), connection.id, { succeeded: false, failure, email });
    let pending: PendingAttempt;
    try {
      pending = JSON.parse(new TextDecoder().decode(box.open(sealed ?? ''))) as PendingAttempt;
      if (pending.connectionId !== connection.id) throw new Error('the sign-in began at another connection');
      if (pending.expiresAt < Date.now()) throw new Error('the sign-in took longer than ten minutes');
    } catch (error) {
      await note(ssoFailureOf(new Error(`state: ${(error as Error).message}`)), null);
      return void fail(res, 'SSO_FAILED', slug);
    }
    let email: string | null = null;
    try {
      const claims = await finishOidcSignIn(connection, await oidcSettingsOf(em, config, connection), new URL(req.originalUrl, publicUrl), pending.attempt);
      const person = personFromClaims(connection, claims);
      email = person.email;
      const outcome = await signInThroughSso({ em, config, connection, person, origin: requestOrigin(req, res, cookie, { bearer: false }), locale: negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE });
      await recordSsoEvent(orm.em.fork(), connection.id, { succeeded: true, email, profileId: outcome.status === 'two_factor_required' ? null : outcome.profile.id });
      if (outcome.status === 'two_factor_required') return void res.redirect(303, `/signin?next=${encodeURIComponent(pending.next)}#challenge=${outcome.challengeId}`);
      setSessionCookie(res, cookie, outcome.token, sessionAbsoluteEndsAt(outcome.session));
      res.redirect(303, pending.next);
    } catch (error) {
      const failure = ssoFailureOf(error);
      await note(failure, email);
      if (failure.reason === 'malformed' || failure.reason === 'unreachable') logger.warn({ err: error, connection: connection.id, requestId: requestIdOf(req) }, 'single sign-on failed');
      fail(res, failure.code, slug);
    }
  });
  return router;
}
