import { Router, type Request, type Response } from 'express';
/** Where a failed round trip is noted (pino's logger fits). */
type Logger = { warn(details: object, message: string): void };
import { SecretBox, type SocialAttempt, type SocialProviders } from '@gatehouse/auth';
import { actorOfRequest } from './request-actor.ts';
import type { Orm } from '@gatehouse/db';
import { DEFAULT_LOCALE, isAppError, negotiateLocale, sessionAbsoluteEndsAt } from '@gatehouse/domain';
import { socialSignIn, type Actor, type ServiceConfig } from '@gatehouse/services';
import { requestOrigin } from './origin.ts';
import { requestIdOf } from './request-id.ts';
import { readCookie, setSessionCookie, type SessionCookieSettings } from './session-cookie.ts';

/** The round trip to the provider must finish within this. */
const ATTEMPT_TTL_MS = 10 * 60_000;
const STATE_COOKIE = 'gatehouse_social';

interface PendingAttempt {
  attempt: SocialAttempt;
  mode: 'signin' | 'link';
  workspace: string | null;
  next: string;
  expiresAt: number;
}

/**
 * Where to go after the round trip: a path on this product's own origin, or
 * the workspaces page. It is parsed as a browser would parse it (so `/\evil`
 * and `//evil`, which browsers resolve to another host, are refused) and
 * answered as a path, never as what was sent.
 */
export function safeNext(value: unknown, publicUrl: URL): string {
  const fallback = '/workspaces';
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/') || /[\\\p{Cc}]/u.test(value)) return fallback;
  try {
    const target = new URL(value, publicUrl);
    return target.origin === publicUrl.origin ? `${target.pathname}${target.search}${target.hash}` : fallback;
  } catch {
    return fallback;
  }
}

/**
 * /auth/social/:provider/start and …/callback: the browser's trip to a
 * social provider and back. State, PKCE verifier and nonce travel sealed
 * (AES-GCM) in an HttpOnly cookie scoped to this path; the callback URL is
 * built from PUBLIC_URL, never from the request's Host.
 */
export function socialRoutes(options: {
  orm: Orm;
  config: ServiceConfig;
  providers: SocialProviders;
  publicUrl: URL;
  cookie: SessionCookieSettings;
  logger: Logger;
}): Router {
  const { orm, config, providers, publicUrl, cookie, logger } = options;
  const box = new SecretBox(config.appSecret, 'social-state');
  const router = Router();
  /** Back to where the person started, with the catalogue code for the page to word. */
  const fail = (res: Response, code: string, mode: 'signin' | 'link' = 'signin') =>
    res.redirect(303, `${mode === 'link' ? '/security' : '/signin'}?error=${encodeURIComponent(code)}`);

  // Both are browser navigations: only the session cookie counts, never a bearer token.
  const signedInActor = (req: Request): Promise<Actor | null> => actorOfRequest(req, { orm, cookie });

  router.get('/:provider/start', async (req, res) => {
    const provider = req.params.provider;
    if (!providers.has(provider)) return void fail(res, 'NOT_FOUND');
    const mode = req.query.mode === 'link' ? 'link' : 'signin';
    if (mode === 'link' && !(await signedInActor(req))) return void fail(res, 'UNAUTHENTICATED');
    try {
      const { url, attempt } = await providers.start(provider);
      const pending: PendingAttempt = {
        attempt,
        mode,
        workspace: typeof req.query.workspace === 'string' ? req.query.workspace.slice(0, 40) : null,
        next: safeNext(req.query.next, publicUrl),
        expiresAt: Date.now() + ATTEMPT_TTL_MS,
      };
      res.cookie(STATE_COOKIE, box.seal(new TextEncoder().encode(JSON.stringify(pending))), {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.secure,
        path: '/auth/social',
        maxAge: ATTEMPT_TTL_MS,
      });
      res.redirect(303, url);
    } catch (error) {
      logger.warn({ err: error, provider, requestId: requestIdOf(req) }, 'social sign-in could not start');
      fail(res, 'INTERNAL');
    }
  });

  router.get('/:provider/callback', async (req, res) => {
    const provider = req.params.provider;
    const sealed = readCookie(req, STATE_COOKIE);
    res.clearCookie(STATE_COOKIE, { path: '/auth/social' });
    let pending: PendingAttempt;
    try {
      pending = JSON.parse(new TextDecoder().decode(box.open(sealed ?? ''))) as PendingAttempt;
    } catch {
      return void fail(res, 'TOKEN_INVALID');
    }
    if (pending.attempt.provider !== provider) return void fail(res, 'TOKEN_INVALID');
    if (pending.expiresAt < Date.now()) return void fail(res, 'TOKEN_EXPIRED');
    if (typeof req.query.error === 'string') return void fail(res, 'INVALID_CREDENTIALS');

    const em = orm.em.fork();
    const origin = requestOrigin(req, res, cookie, { bearer: false });
    try {
      const claims = await providers.finish(provider, new URL(req.originalUrl, publicUrl), pending.attempt);
      const linkTo = pending.mode === 'link' ? await signedInActor(req) : null;
      if (pending.mode === 'link' && !linkTo) return void fail(res, 'UNAUTHENTICATED');
      const outcome = await socialSignIn({
        em,
        config,
        provider,
        claims,
        linkTo,
        workspaceSlug: pending.workspace,
        locale: negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE,
        origin,
      });
      if (outcome.status === 'linked') return void res.redirect(303, `/security?linked=${encodeURIComponent(provider)}`);
      if (outcome.status === 'two_factor_required') return void res.redirect(303, `/signin?next=${encodeURIComponent(pending.next)}#challenge=${outcome.challengeId}`);
      setSessionCookie(res, cookie, outcome.token, sessionAbsoluteEndsAt(outcome.session));
      res.redirect(303, pending.next);
    } catch (error) {
      if (isAppError(error)) return void fail(res, error.code, pending.mode);
      logger.warn({ err: error, provider, requestId: requestIdOf(req) }, 'social sign-in failed');
      fail(res, 'INVALID_CREDENTIALS', pending.mode);
    }
  });
  return router;
}
