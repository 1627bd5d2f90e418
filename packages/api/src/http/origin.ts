import type { Request, Response } from 'express';
import type { RequestOrigin } from '@gatehouse/services';
import { requestIdOf } from './request-id.ts';
import { ensureDeviceId, type SessionCookieSettings } from './session-cookie.ts';

/**
 * Where a request comes from, as use cases record it. A browser gets its
 * device id cookie on the way; scripts and desktop clients (bearer tokens)
 * send no cookies, so their user agent stands for the device.
 */
export function requestOrigin(req: Request, res: Response, cookie: SessionCookieSettings, options: { bearer: boolean }): RequestOrigin {
  return {
    userAgent: req.headers['user-agent'] ?? null,
    ipAddress: req.ip ?? null,
    deviceId: options.bearer ? null : ensureDeviceId(req, res, cookie),
    requestId: requestIdOf(req),
  };
}
