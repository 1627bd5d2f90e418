import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

const TRUSTED_ID = /^[A-Za-z0-9._:-]{8,64}$/;
const ids = new WeakMap<Request, string>();

/**
 * Every request gets an id, answered in `X-Request-Id` and carried into its
 * log lines and audit events, so a person's "it failed at 10:02" finds the
 * server's side. Behind a trusted proxy the proxy's id is kept (when it looks
 * like one), so both logs agree.
 */
export function requestIds(options: { trustIncoming: boolean }): RequestHandler {
  return (req, res, next) => {
    const incoming = options.trustIncoming ? req.headers['x-request-id'] : undefined;
    const id = typeof incoming === 'string' && TRUSTED_ID.test(incoming) ? incoming : randomUUID();
    ids.set(req, id);
    res.setHeader('X-Request-Id', id);
    next();
  };
}

export function requestIdOf(req: Request): string | null {
  return ids.get(req) ?? null;
}
