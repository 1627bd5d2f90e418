import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { errorSummary, pendingMigrations, type Orm } from '@gatehouse/db';
import type { MailSink } from '@gatehouse/mail';
import type { ServiceConfig } from '@gatehouse/services';
import { mailInbox } from './mail-inbox.ts';
import type { SocialProviders } from '@gatehouse/auth';
import {
  asAppError,
  bodySizeGuard,
  csrfGuard,
  INTERACTION_PATH,
  interactionRoutes,
  type OidcIssuer,
  recoveryLetterRoute,
  downloadRoute,
  requestIdOf,
  requestIds,
  SCIM_PATH,
  scimRoutes,
  sendFailure,
  sessionCheckRoute,
  sessionCookieSettings,
  shedDirectoryFlood,
  shedPasswordFlood,
  socialRoutes,
  ssoRoutes,
  SSO_PATH,
  trpcHandler,
} from '@gatehouse/api';
import { DEFAULT_LOCALE, negotiateLocale } from '@gatehouse/domain';
import { securityHeaders } from './security-headers.ts';
import { drainingGuard, type Drain } from './drain.ts';
import type { Metrics } from './metrics.ts';

export interface AppOptions {
  orm: Orm;
  directoryOrm: Orm;
  /** Directory calls running at once, and waiting their turn, before more are refused (503). */
  directoryConcurrency: { limit: number; queue: number };
  publicUrl: URL;
  trustProxy: number;
  portalDist: string;
  consoleDist: string;
  logger: Logger;
  config: ServiceConfig;
  mailSink: MailSink | null;
  /** Nudged after every successful mutation. */
  onMutation: () => void;
  socialProviders: SocialProviders;
  /** Set once shutdown began: readiness fails and every answer closes its connection. */
  drain: Drain;
  metrics: Metrics;
  /** Unset: no /metrics at all. */
  metricsToken: string | undefined;
  /** The OpenID Connect issuer of the workspaces' apps. */
  oidcIssuer: OidcIssuer;
}

/** Serves a built SPA from `dist` under `mount`, with its index.html for every unknown path below it. */
function spa(app: Express, mount: string, dist: string, logger: Logger): void {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dist }, `no build at ${dist}: run "pnpm build" to serve ${mount}`);
    return;
  }
  app.use(mount, express.static(dist, { index: false, maxAge: '1h', immutable: false }));
  app.get(mount === '/' ? '/{*splat}' : [mount, `${mount}/{*splat}`], (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

export function createApp(options: AppOptions): Express {
  const { orm, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(requestIds({ trustIncoming: options.trustProxy > 0 }));
  app.use(drainingGuard(options.drain));
  app.use(options.metrics.recordRequests);
  app.use(shedPasswordFlood);
  app.use(shedDirectoryFlood(options.directoryConcurrency));
  app.use(securityHeaders({ https: options.publicUrl.protocol === 'https:' }));

  app.get('/metrics', options.metrics.route(options.metricsToken));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    // First thing a shutdown does: the load balancer stops sending while in-flight requests finish.
    if (options.drain.draining) return void res.status(503).json({ status: 'draining' });
    try {
      const pending = await pendingMigrations(orm);
      if (pending.length) return void res.status(503).json({ status: 'migrations pending', pending });
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: errorSummary(error), requestId: requestIdOf(req) }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  const mailInboxPath = options.mailSink ? '/mail/' : null;
  const cookie = sessionCookieSettings(options.publicUrl);
  app.get('/platform/recovery-requests/:id/letter', recoveryLetterRoute({ orm, cookie }));
  // A workspace's trail: the link itself is the permission (signed, five minutes), so scripts fetch it too; a person's own files also need their session.
  app.get('/exports/:kind/:token', downloadRoute({ orm, config: options.config, cookie, logger }));
  // The issuer's endpoints (discovery, authorize, token, userinfo…); its sign-in pages are the portal's, fed by these routes.
  app.use(INTERACTION_PATH, interactionRoutes({ orm, issuer: options.oidcIssuer, cookie, publicUrl: options.publicUrl }));
  app.use((req, res, next) => options.oidcIssuer.handle(req, res, next));
  app.use('/auth/social', socialRoutes({ orm, config: options.config, providers: options.socialProviders, publicUrl: options.publicUrl, cookie, logger }));
  app.use(SSO_PATH, ssoRoutes({ orm, config: options.config, publicUrl: options.publicUrl, cookie, logger }));
  // The company's directories, one workspace per path; SCIM tokens, not cookies, so no CSRF guard.
  app.use(SCIM_PATH, scimRoutes({ orm, config: options.config, publicUrl: options.publicUrl, logger }));
  if (options.mailSink) app.use('/mail', mailInbox(options.mailSink));
  // Every API answer is about the caller: no shared cache, no browser back-button copy, may keep it.
  app.use('/trpc', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.get('/trpc/auth.session', sessionCheckRoute({ orm, cookie }));
  app.use(
    '/trpc',
    csrfGuard(new Set([options.publicUrl.origin])),
    bodySizeGuard,
    trpcHandler({ orm, directoryOrm: options.directoryOrm, config: options.config, mailInboxPath, cookie, afterMutation: options.onMutation, socialProviders: options.socialProviders.list() }),
  );

  spa(app, '/console', options.consoleDist, logger);
  spa(app, '/', options.portalDist, logger);

  // Whatever escapes a route: a lost database is 503 with Retry-After, anything else 500, in tRPC's envelope under /trpc.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = asAppError(error);
    if (!known) logger.error({ err: error, requestId: requestIdOf(req) }, 'request failed');
    if (res.headersSent) return;
    const locale = negotiateLocale(req.headers['accept-language']) ?? DEFAULT_LOCALE;
    const paths = req.path.startsWith('/trpc/') ? req.path.slice('/trpc/'.length).split(',') : [req.path];
    sendFailure(res, { appCode: known?.code ?? 'INTERNAL', params: known?.params ?? {}, paths, locale, batch: req.query.batch === '1' });
  });
  return app;
}
