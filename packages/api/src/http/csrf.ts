import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LOCALE, negotiateLocale } from '@gatehouse/domain';
import { sendFailure } from './failure-answer.ts';

/**
 * Mutations are accepted only as JSON from the product's own origin: no HTML
 * form can send `application/json` cross-site without a CORS preflight (which
 * we never grant), and browsers label cross-site requests with `Origin` and
 * `Sec-Fetch-Site`. Non-browser clients (curl, scripts) send neither header.
 */
export function csrfGuard(allowedOrigins: ReadonlySet<string>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    const problem =
      contentType !== 'application/json'
        ? 'mutations must be sent as application/json'
        : origin !== undefined && !allowedOrigins.has(origin)
          ? 'cross-origin request refused'
          : fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none'
            ? 'cross-site request refused'
            : null;
    if (!problem) return next();
    const paths = req.path.replace(/^\//, '').split(',');
    sendFailure(res, { appCode: 'FORBIDDEN', paths, locale: negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE, batch: req.query.batch === '1', message: problem });
  };
}
