import type { Request, Response } from 'express';

export interface SessionCookieSettings {
  name: string;
  secure: boolean;
}

/**
 * `Secure` everywhere but plain-http localhost; with it the `__Host-` prefix
 * pins the cookie to this exact host and path (RFC 6265bis §4.1.3.2).
 */
export function sessionCookieSettings(publicUrl: URL): SessionCookieSettings {
  const plainLocalhost = publicUrl.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(publicUrl.hostname);
  return plainLocalhost ? { name: 'gatehouse_session', secure: false } : { name: '__Host-gatehouse_session', secure: true };
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

export function setSessionCookie(res: Response, settings: SessionCookieSettings, token: string, expiresAt: Date): void {
  res.cookie(settings.name, token, { httpOnly: true, sameSite: 'lax', secure: settings.secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(res: Response, settings: SessionCookieSettings): void {
  res.clearCookie(settings.name, { httpOnly: true, sameSite: 'lax', secure: settings.secure, path: '/' });
}
