import type { Request, Response } from 'express';
import type { Orm } from '@gatehouse/db';
import { isAppError } from '@gatehouse/domain';
import { getRecoveryLetter } from '@gatehouse/services';
import { actorOfRequest } from './request-actor.ts';
import type { SessionCookieSettings } from './session-cookie.ts';

/** Platform staff download a recovery request's signed letter; it is served as an attachment, never rendered inline. */
export function recoveryLetterRoute(options: { orm: Orm; cookie: SessionCookieSettings }) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = await actorOfRequest(req, options);
    if (!actor?.isStaff) return void res.status(404).end();
    try {
      const letter = await getRecoveryLetter({
        em: options.orm.em.fork(),
        actor,
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
