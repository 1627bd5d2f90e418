import type { Request, Response } from 'express';
import { validateSessionToken } from '@gatehouse/auth';
import type { Orm } from '@gatehouse/db';
import { isAppError } from '@gatehouse/domain';
import { getRecoveryLetter } from '@gatehouse/services';
import { actorOf } from '@gatehouse/api';
import { requestIdOf } from './request-id.ts';
import { readCookie, type SessionCookieSettings } from './session-cookie.ts';

/** Platform staff download a recovery request's signed letter; it is served as an attachment, never rendered inline. */
export function recoveryLetterRoute(options: { orm: Orm; cookie: SessionCookieSettings }) {
  return async (req: Request, res: Response): Promise<void> => {
    const token = readCookie(req, options.cookie.name);
    const auth = token ? await validateSessionToken(options.orm.em.fork(), token) : null;
    if (!auth?.profile.isStaff) return void res.status(404).end();
    try {
      const letter = await getRecoveryLetter({
        em: options.orm.em.fork(),
        actor: actorOf(auth, { userAgent: req.headers['user-agent'] ?? null, ipAddress: req.ip ?? null, requestId: requestIdOf(req) }, auth.profile.locale),
        id: String(req.params.id),
      });
      res.setHeader('Content-Type', letter.type);
      res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(letter.name)}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(letter.bytes);
    } catch (error) {
      res.status(isAppError(error) ? 404 : 500).end();
    }
  };
}
