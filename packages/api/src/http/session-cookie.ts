import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

export interface SessionCookieSettings {
  name: string;
  /** The long-lived device id cookie, which tells a new device from a known one. */
  deviceName: string;
  secure: boolean;
}

/**
 * `Secure` everywhere but plain-http localhost; with it the `__Host-` prefix
 * pins the cookie to this exact host and path (RFC 6265bis §4.1.3.2).
 */
export function sessionCookieSettings(publicUrl: URL): SessionCookieSettings {
  const plainLocalhost = publicUrl.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(publicUrl.hostname);
  return plainLocalhost
    ? { name: 'gatehouse_session', deviceName: 'gatehouse_device', secure: false }
    : { name: '__Host-gatehouse_session', deviceName: '__Host-gatehouse_device', secure: true };
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/** The caller's session token: a desktop client's or script's bearer token, else the browser's cookie. */
export function readSessionToken(req: Request, cookieName: string): { token: string | undefined; via: 'bearer' | 'cookie' | null } {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const bearer = header.slice('Bearer '.length).trim();
    if (bearer) return { token: bearer, via: 'bearer' };
  }
  const cookieToken = readCookie(req, cookieName);
  return cookieToken ? { token: cookieToken, via: 'cookie' } : { token: undefined, via: null };
}

export function setSessionCookie(res: Response, settings: SessionCookieSettings, token: string, expiresAt: Date): void {
  res.cookie(settings.name, token, { httpOnly: true, sameSite: 'lax', secure: settings.secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(res: Response, settings: SessionCookieSettings): void {
  res.clearCookie(settings.name, { httpOnly: true, sameSite: 'lax', secure: settings.secure, path: '/' });
}

const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** The browser's device id, set (HttpOnly, a year) the first time it is missing. */
export function ensureDeviceId(req: Request, res: Response, settings: SessionCookieSettings): string {
  const existing = readCookie(req, settings.deviceName);
  if (existing && DEVICE_ID_PATTERN.test(existing)) return existing;
  const id = randomBytes(18).toString('base64url');
  res.cookie(settings.deviceName, id, { httpOnly: true, sameSite: 'lax', secure: settings.secure, path: '/', maxAge: 365 * 24 * 3_600_000 });
  return id;
}
