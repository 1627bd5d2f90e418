import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { incomingMessageToRequest, internal_exceptionHandler } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import { isApiKeyToken, validateSessionToken } from '@gatehouse/auth';
import { AppError, DEFAULT_LOCALE, negotiateLocale } from '@gatehouse/domain';
import type { RequestContext } from '../context.ts';
import { asAppError, retryAfterOf, toTRPCError } from '../errors.ts';
import { appRouter } from '../router.ts';
import { sendFailure } from './failure-answer.ts';
import type { Orm } from '@gatehouse/db';
import { authenticateApiKey, type KeyActor, type ServiceConfig } from '@gatehouse/services';
import { requestOrigin } from './origin.ts';
import { clearSessionCookie, readSessionToken, setSessionCookie, type SessionCookieSettings } from './session-cookie.ts';

/** A batch runs its calls at once; more than this in one request is refused. */
export const MAX_BATCH_SIZE = 10;
/** No procedure takes more than this much JSON… */
export const MAX_BODY_BYTES = 256 * 1024;
/** …except filing an admin-recovery request, which carries the signed letter (5 MB, base64-encoded). */
export const MAX_LETTER_BODY_BYTES = 7 * 1024 * 1024 + 64 * 1024;
const LETTER_PROCEDURES = new Set(['stewardship.fileRecovery']);

/** What a request to these procedures may send: only the letter procedure may be large. */
export function bodyLimitOf(path: string): number {
  const procedures = path.replace(/^\//, '').split(',');
  return procedures.every((name) => LETTER_PROCEDURES.has(name)) ? MAX_LETTER_BODY_BYTES : MAX_BODY_BYTES;
}

/**
 * Refuses a body announced too large before anything reads it. A body sent
 * without a length (chunked) is cut off by the same limit as it is read
 * (`trpcMiddleware`), so no route ever buffers more than its own limit.
 */
export function bodySizeGuard(req: Request, res: Response, next: () => void): void {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > bodyLimitOf(req.path)) {
    const paths = req.path.replace(/^\//, '').split(',');
    const locale = negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE;
    return sendFailure(res, { appCode: 'INVALID_INPUT', trpcCode: 'PAYLOAD_TOO_LARGE', paths, locale, batch: req.query.batch === '1', message: 'request too large' });
  }
  next();
}

export function trpcHandler(options: {
  orm: Orm;
  directoryOrm: Orm;
  config: ServiceConfig;
  mailInboxPath: string | null;
  cookie: SessionCookieSettings;
  afterMutation: () => void;
  socialProviders: { id: string; name: string }[];
}) {
  const { orm, directoryOrm, config, mailInboxPath, cookie, afterMutation, socialProviders } = options;

  async function createContext({ req, res }: { req: Request; res: Response }): Promise<RequestContext> {
    const { token, via } = readSessionToken(req, cookie.name);
    const bearer = via === 'bearer';
    const origin = requestOrigin(req, res, cookie, { bearer });
    const headerLocale = negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE;
    let auth: Awaited<ReturnType<typeof validateSessionToken>> = null;
    let apiKey: KeyActor | null = null;
    let apiKeyRefusal: AppError | null = null;
    try {
      // A key is told from a session token by its prefix: it is never tried as one, nor a session token as a key.
      if (token && bearer && isApiKeyToken(token)) {
        try {
          apiKey = await authenticateApiKey({ em: orm.em.fork(), config, key: token, origin, locale: headerLocale });
        } catch (error) {
          // Refused in the procedures, where the answer is told in the caller's language.
          apiKeyRefusal = asAppError(error);
          if (!apiKeyRefusal) throw error;
        }
      } else auth = token ? await validateSessionToken(orm.em.fork(), token) : null;
    } catch (error) {
      // Every call of the request fails alike; a lost database is a 503 the client may retry, not a 500.
      throw toTRPCError(asAppError(error) ?? new AppError('INTERNAL'));
    }
    // A dead cookie is removed so the browser stops sending it.
    if (via === 'cookie' && !auth) clearSessionCookie(res, cookie);
    return {
      orm,
      directoryOrm,
      config,
      mailInboxPath,
      afterMutation,
      socialProviders,
      locale: auth?.profile.locale ?? headerLocale,
      auth,
      apiKey,
      apiKeyRefusal,
      authVia: auth ? via : null,
      origin,
      sessionCookie: {
        set: (value, expiresAt) => setSessionCookie(res, cookie, value, expiresAt),
        clear: () => clearSessionCookie(res, cookie),
        clearSite: () => {
          clearSessionCookie(res, cookie);
          // Not "cookies": the device cookie must outlive the session, or the next sign-in loses its known-device allowance.
          res.setHeader('Clear-Site-Data', '"cache", "storage"');
        },
      },
    };
  }

  return trpcMiddleware({ createContext });
}

/**
 * tRPC's Express adapter, answering in one write: tRPC's own adapter pipes
 * every answer through a web stream in chunked encoding (a write per chunk and
 * one more to end it). A JSON answer is complete when resolved, so it is sent
 * whole with its length; only a streamed answer (JSON lines, server-sent
 * events) is still piped.
 */
function trpcMiddleware(options: { createContext: (opts: { req: Request; res: Response }) => Promise<RequestContext> }) {
  const router = appRouter;
  return (req: Request, res: Response): void => {
    const path = req.path.slice(req.path.lastIndexOf('/') + 1);
    const answer = async () => {
      // The route's own limit, counted as the body is read: a chunked body gets no more than an announced one.
      const request = incomingMessageToRequest(req, res, { maxBodySize: bodyLimitOf(req.path) });
      const response = await resolveResponse({
        router,
        req: request,
        path,
        error: null,
        createContext: () => options.createContext({ req, res }),
        maxBatchSize: MAX_BATCH_SIZE,
        allowMethodOverride: false,
        responseMeta: ({ errors }) => {
          const wait = retryAfterOf(errors);
          return wait ? { headers: { 'retry-after': String(wait) } } : {};
        },
      });
      res.statusCode = response.status;
      for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
      const cookies = response.headers.getSetCookie();
      if (cookies.length) res.appendHeader('set-cookie', cookies);
      if (!response.body) return void res.end();
      if (response.headers.get('content-type')?.startsWith('application/json')) {
        const body = Buffer.from(await response.arrayBuffer());
        res.setHeader('content-length', body.length);
        return void res.end(body);
      }
      await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
    };
    answer().catch(internal_exceptionHandler({ req, res, path, router, createContext: options.createContext }));
  };
}
