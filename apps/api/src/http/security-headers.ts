import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The security headers every response carries (helmet's, with our content
 * security policy). They are the same for every request, so helmet runs once
 * at start-up into a recorder, and each response gets the recorded headers
 * in one call instead of a dozen middleware functions.
 */
export function securityHeaders(options: { https: boolean }): RequestHandler {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let ran = false;
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Nothing in the SPAs sets a <base>: an injected one could redirect every relative URL.
        baseUri: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The workspaces' apps show their own logos (https) on the sign-in and consent pages.
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: options.https ? [] : null,
      },
    },
    strictTransportSecurity: options.https,
  })({} as IncomingMessage, recorder as unknown as ServerResponse, () => (ran = true));
  // A helmet that one day reads the request or answers asynchronously would need to run per request again.
  if (!ran || headers.size === 0) throw new Error('helmet did not set its headers synchronously');
  return (_req, res, next) => {
    res.setHeaders(headers);
    next();
  };
}
