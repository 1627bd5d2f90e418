import type { Request, Response } from 'express';
import { validateSessionToken } from '@gatehouse/auth';
import { asAppError } from '../errors.ts';
import { sessionView } from '../session-view.ts';
import { sendFailure } from './failure-answer.ts';
import { DEFAULT_LOCALE, negotiateLocale } from '@gatehouse/domain';
import type { Orm } from '@gatehouse/db';
import { clearSessionCookie, ensureDeviceId, readSessionToken, type SessionCookieSettings } from './session-cookie.ts';

/**
 * `GET /trpc/auth.session`, the call every client repeats most, answered
 * without tRPC's request plumbing (a Fetch Request built from the Node one,
 * the procedure chain): the same session check, the same view, the same JSON
 * envelope tRPC writes for a query (`{"result":{"data":…}}`, in an array for
 * `?batch=1`). Anything else under /trpc goes to tRPC.
 */
export function sessionCheckRoute(options: { orm: Orm; cookie: SessionCookieSettings }) {
  const { orm, cookie } = options;
  return async (req: Request, res: Response): Promise<void> => {
    const { token, via } = readSessionToken(req, cookie.name);
    let auth: Awaited<ReturnType<typeof validateSessionToken>>;
    try {
      auth = token ? await validateSessionToken(orm.em.fork(), token) : null;
    } catch (error) {
      // The same answer tRPC gives a failed call: a lost database is 503 with Retry-After, anything else a 500, both in its envelope.
      const known = asAppError(error);
      const locale = negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE;
      return sendFailure(res, { appCode: known?.code ?? 'INTERNAL', params: known?.params ?? {}, paths: ['auth.session'], locale, batch: req.query.batch === '1' });
    }
    // As in every tRPC call: a dead cookie is removed, and a browser gets its device id.
    if (via === 'cookie' && !auth) clearSessionCookie(res, cookie);
    if (via !== 'bearer') ensureDeviceId(req, res, cookie);
    const envelope = { result: { data: sessionView(auth) } };
    const body = JSON.stringify(req.query.batch === '1' ? [envelope] : envelope);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  };
}
