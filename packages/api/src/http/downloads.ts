import type { Request, Response } from 'express';
import type { Orm } from '@gatehouse/db';
import { isAppError } from '@gatehouse/domain';
import { openDownload, type DownloadFile, type ServiceConfig } from '@gatehouse/services';
import { actorOfRequest } from './request-actor.ts';
import type { SessionCookieSettings } from './session-cookie.ts';

type Logger = { warn(details: object, message: string): void };

/** Until the client took what was written, or went away (then the loop stops at the next page). */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * GET /exports/<kind>/<link>: the file a procedure promised (`audit.export`,
 * `profile.exportData`, `profile.exportSecurityHistory`), streamed as it is
 * read — each page written out, and the next read only once the client took
 * it (backpressure), so a slow download holds no more than a page.
 */
export function downloadRoute(options: { orm: Orm; config: ServiceConfig; cookie: SessionCookieSettings; logger: Logger }) {
  const unknown = (res: Response) => void res.status(404).type('text/plain').send('This download link is unknown or has expired: ask for a new one.');
  return async (req: Request, res: Response): Promise<void> => {
    let file: DownloadFile;
    try {
      file = openDownload(options.orm, options.config, String(req.params.kind), String(req.params.token));
    } catch (error) {
      if (!isAppError(error)) throw error;
      return unknown(res);
    }
    // A person's own file opens for their session alone; to anyone else the link is as unknown as a forged one.
    if (file.ownerProfileId && (await actorOfRequest(req, { orm: options.orm, cookie: options.cookie, bearer: true }))?.profileId !== file.ownerProfileId) return unknown(res);
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    try {
      for await (const chunk of file.chunks) {
        if (res.destroyed) return;
        if (chunk && !res.write(chunk)) await drainedOrClosed(res);
      }
      res.end();
    } catch (error) {
      options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'download failed midway');
      // Headers are gone: the client sees a cut-off file rather than a complete-looking one.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  };
}
