import type { Request } from 'express';
import { validateSessionToken } from '@gatehouse/auth';
import type { Orm } from '@gatehouse/db';
import type { Actor } from '@gatehouse/services';
import { actorOf } from '../actor.ts';
import { requestIdOf } from './request-id.ts';
import { readCookie, type SessionCookieSettings } from './session-cookie.ts';

/**
 * The signed-in caller of a browser navigation outside tRPC (the social
 * round trip, a letter download): the session cookie validated as every
 * request's is, made an actor by the one builder. Null when signed out.
 * With `bearer`, a desktop client's or script's `Authorization: Bearer`
 * session token is taken too (a download fetched outside a browser).
 */
export async function actorOfRequest(req: Request, options: { orm: Orm; cookie: SessionCookieSettings; bearer?: boolean }): Promise<Actor | null> {
  const header = options.bearer ? /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] : undefined;
  const token = header ?? readCookie(req, options.cookie.name);
  const auth = token ? await validateSessionToken(options.orm.em.fork(), token) : null;
  return auth ? actorOf(auth, { userAgent: req.headers['user-agent'] ?? null, ipAddress: req.ip ?? null, requestId: requestIdOf(req) }) : null;
}
