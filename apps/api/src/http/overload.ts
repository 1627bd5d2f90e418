import type { NextFunction, Request, Response } from 'express';
import { OVERLOAD_RETRY_SECONDS, passwordWorkSaturated } from '@gatehouse/auth';
import { overloadedBody, PASSWORD_PROCEDURES } from '@gatehouse/api';
import { DEFAULT_LOCALE, negotiateLocale } from '@gatehouse/domain';

const PREFIX = '/trpc/';

/**
 * The first thing every request meets. When password checking is saturated
 * (every argon2id slot busy and its queue full), a password call is refused
 * with RATE_LIMITED before its body is read, its session looked up or the
 * database asked anything: under a login flood, refusing must cost almost
 * nothing, or the refusals themselves crowd out everyone else's requests.
 */
export function shedPasswordFlood(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST' || !passwordWorkSaturated() || !req.path.startsWith(PREFIX)) return next();
  let paths: string[];
  try {
    paths = decodeURIComponent(req.path.slice(PREFIX.length)).split(',');
  } catch {
    return next(); // a malformed path is tRPC's to refuse
  }
  if (!paths.some((path) => PASSWORD_PROCEDURES.has(path))) return next();
  const locale = negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE;
  const body = overloadedBody(paths, locale, OVERLOAD_RETRY_SECONDS, req.query.batch === '1');
  res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(OVERLOAD_RETRY_SECONDS), 'content-length': Buffer.byteLength(body) }).end(body);
}
