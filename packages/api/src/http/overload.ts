import type { NextFunction, Request, Response } from 'express';
import { OVERLOAD_RETRY_SECONDS, passwordWorkSaturated, Semaphore } from '@gatehouse/auth';
import { PASSWORD_PROCEDURES, sendFailure } from './failure-answer.ts';
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
  sendFailure(res, { appCode: 'RATE_LIMITED', paths, locale, batch: req.query.batch === '1', params: { retryAfterSeconds: OVERLOAD_RETRY_SECONDS } });
}

/** The procedures whose work runs on the directory's own pool. */
const DIRECTORY_PROCEDURES: ReadonlySet<string> = new Set(['members.list']);
const DIRECTORY_RETRY_SECONDS = 1;

/**
 * Back-pressure for the member directory: at most `limit` directory calls
 * run at once in this process and `queue` more wait their turn; past that a
 * call is refused with 503 SERVICE_UNAVAILABLE (and Retry-After) at the door,
 * before its session is checked or a connection asked for, so a flood of
 * searches cannot queue in front of everyone else's session checks and
 * sign-ins.
 */
export function shedDirectoryFlood(options: { limit: number; queue: number }) {
  const gate = new Semaphore({ limit: options.limit, queueLimit: options.queue });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith(PREFIX)) return next();
    let paths: string[];
    try {
      paths = decodeURIComponent(req.path.slice(PREFIX.length)).split(',');
    } catch {
      return next();
    }
    if (!paths.some((path) => DIRECTORY_PROCEDURES.has(path))) return next();
    // The call holds its place until its answer is sent (or its client goes away while it waits).
    const turn = () =>
      new Promise<void>((resolve) => {
        if (res.writableEnded || res.destroyed) return resolve();
        res.once('close', () => resolve());
        next();
      });
    void gate.run(turn).then((outcome) => {
      if (outcome.ran) return;
      const locale = negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE;
      sendFailure(res, { appCode: 'SERVICE_UNAVAILABLE', paths, locale, batch: req.query.batch === '1', params: { retryAfterSeconds: DIRECTORY_RETRY_SECONDS } });
    });
  };
}
