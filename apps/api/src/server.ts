import type { Server } from 'node:http';
import net from 'node:net';
import pino, { type Logger } from 'pino';
import { setErrorLogger } from '@gatehouse/api';
import { createTxtResolver, deliverAppLogouts, runWebhookRound, type ServiceConfig } from '@gatehouse/services';
import { createDisabledRateLimits, createRateLimits, preparePasswordWork, SecretBox, SocialProviders, type RateLimits } from '@gatehouse/auth';
import { MailSender, startMailSink, type MailSink } from '@gatehouse/mail';
import { loadAppSecret } from './app-secret.ts';
import { OutboxWorker } from './outbox-worker.ts';
import { startJobs, type Jobs } from './jobs.ts';
import { appointStaff } from './staff.ts';
import { openDatabase, type Database } from './database.ts';
import type { Env } from './env.ts';
import { createApp } from './http/app.ts';
import { createOidcIssuer, sessionCookieSettings, type OidcIssuer } from '@gatehouse/api';
import { answerMalformedRequest, Drain } from './http/drain.ts';
import { Metrics } from './http/metrics.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';
import { setBrowserSessionMaxMs } from '@gatehouse/domain';
import { errorSummary } from '@gatehouse/db';

export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  logger: Logger;
  /** The local SMTP sink when no SMTP_URL is set (its inbox is served at /mail/). */
  mailSink: MailSink | null;
  mailSender: MailSender;
  jobs: Jobs;
  /** What the use cases were given (for tests that call them directly). */
  serviceConfig: ServiceConfig;
  /** The OpenID Connect issuer this process serves. */
  oidcIssuer: OidcIssuer;
  /** Stops taking connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

/** During shutdown, idle keep-alive connections are closed once no request came for this long. */
const SHUTDOWN_QUIET_MS = 200;

export async function startServer(env: Env, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: env.logLevel });
  setErrorLogger(logger);
  const database = await openDatabase({
    databaseUrl: env.databaseUrl,
    limits: env.databaseLimits,
    dataDir: env.dataDir,
    logger,
  });
  let mailSink: MailSink | null = null;
  let mailSender: MailSender | null = null;
  let limits: RateLimits | null = null;
  let jobs: Jobs | null = null;
  let appLogouts: OutboxWorker | null = null;
  let webhooks: OutboxWorker | null = null;
  let keyRefresh: NodeJS.Timeout | null = null;
  try {
    const appSecret = await loadAppSecret({ configured: env.appSecret, dataDir: env.dataDir });
    const { threadsLowered } = await preparePasswordWork();
    logger.debug({ threadsLowered }, 'password hashing threads run below the event loop’s priority');
    setBrowserSessionMaxMs(env.browserSessionMaxMs);
    const metrics = new Metrics({ orm: database.orm, pools: database.pools });
    if (env.rateLimits) limits = createRateLimits({ databaseUrl: database.url, onRefusal: metrics.refused, onPoolError: (error) => logger.warn({ err: errorSummary(error) }, 'rate-limit database connection lost; it reconnects on next use') });
    else {
      limits = createDisabledRateLimits();
      logger.warn('RATE_LIMITS=off: sign-in, 2FA and mailed links have no brute-force protection (benchmarks only)');
    }
    if (!env.smtpUrl) {
      mailSink = await startMailSink();
      logger.info({ smtpPort: mailSink.port, inbox: `${env.publicUrl.origin}/mail/` }, 'local mail sink started (no SMTP_URL)');
    }
    mailSender = new MailSender({ orm: database.orm, smtpUrl: env.smtpUrl ?? mailSink!.url, from: env.mailFrom, pollMs: 5000, logger });
    mailSender.start();
    if (env.seedDemo) {
      const demo = await seedDemoIfEmpty(database.orm);
      if (demo) {
        logger.info({ email: demo.email, slug: demo.slug }, 'demo workspace created');
        console.log(
          `\n  Demo workspace "${demo.slug}" is ready. Sign in at ${env.publicUrl.origin}/ or ${env.publicUrl.origin}/console/\n` +
            `  email: ${demo.email}\n  password: ${demo.password}\n  (shown once; it is not stored anywhere readable)\n`,
        );
      }
    }
    if (env.staffEmails.length) await appointStaff(database.orm, env.staffEmails, logger);
    const drain = new Drain();
    const config: ServiceConfig = { publicUrl: env.publicUrl, appSecret, totpBox: new SecretBox(appSecret, 'totp'), limits, lifetimes: env.lifetimes, dns: createTxtResolver(env.dnsServers), outboundAllowPrivate: env.outboundAllowPrivate, webhooksAllowPrivate: env.webhooksAllowPrivate };
    const sender = mailSender;
    jobs = await startJobs({ databaseUrl: database.url, orm: database.orm, config, logger, deliverMail: () => sender.deliverDue() });
    appLogouts = new OutboxWorker({ name: 'back-channel logout', pollMs: 5000, logger, round: () => deliverAppLogouts({ orm: database.orm, config, allowPrivate: env.outboundAllowPrivate }) });
    appLogouts.start();
    const logoutSender = appLogouts;
    webhooks = new OutboxWorker({ name: 'webhooks', pollMs: 2000, logger, round: () => runWebhookRound({ orm: database.orm, config }) });
    webhooks.start();
    const webhookSender = webhooks;
    const oidcIssuer = await createOidcIssuer({ orm: database.orm, config, cookie: sessionCookieSettings(env.publicUrl), trustProxy: env.trustProxy > 0, logger });
    // Keys rotated by another process (the monthly job, `pnpm oidc:rotate-keys`) are picked up within half a minute.
    keyRefresh = setInterval(() => void oidcIssuer.refreshKeys().catch((error: unknown) => logger.warn({ err: errorSummary(error) }, 'signing keys could not be reloaded')), 30_000);
    keyRefresh.unref();
    const app = createApp({
      orm: database.orm,
      directoryOrm: database.directoryOrm,
      directoryConcurrency: env.directoryConcurrency,
      publicUrl: env.publicUrl,
      trustProxy: env.trustProxy,
      portalDist: env.portalDist,
      consoleDist: env.consoleDist,
      logger,
      config,
      mailSink,
      onMutation: () => {
        mailSender?.nudge();
        logoutSender.nudge();
        webhookSender.nudge();
      },
      socialProviders: new SocialProviders(env.socialProviders, env.publicUrl),
      drain,
      metrics,
      metricsToken: env.metricsToken,
      oidcIssuer,
    });
    const server: Server = await new Promise((resolve, reject) => {
      const listening = app.listen(env.port, env.host, (error?: Error) => (error ? reject(error) : resolve(listening)));
    });
    server.on('clientError', answerMalformedRequest);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.port;
    let closing: Promise<void> | null = null;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      database,
      logger,
      mailSink,
      mailSender,
      jobs,
      serviceConfig: config,
      oidcIssuer,
      close() {
        closing ??= (async () => {
          // Readiness fails at once; answers from now on close their connections (http/drain.ts).
          drain.begin();
          if (env.shutdownDelayMs) await new Promise((resolve) => setTimeout(resolve, env.shutdownDelayMs));
          // No new connections. Not http's close(), which also cuts idle keep-alive connections at once: a client
          // may be sending on one at that moment. Each of them closes after its next answer (Connection: close).
          const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
          const timer = setTimeout(() => {
            logger.warn({ inFlight: drain.inFlight.size }, 'shutdown timeout: cutting the connections still busy');
            server.closeAllConnections();
          }, env.shutdownTimeoutMs);
          // Once every answer is out and clients went quiet, the connections left are idle: close them.
          await drain.settled({ quietMs: SHUTDOWN_QUIET_MS, timeoutMs: env.shutdownTimeoutMs });
          server.closeIdleConnections();
          await closed;
          clearTimeout(timer);
          if (keyRefresh) clearInterval(keyRefresh);
          await jobs?.stop();
          await appLogouts?.stop();
          await webhooks?.stop();
          await mailSender?.stop();
          await mailSink?.close();
          await limits?.close();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await jobs?.stop();
    await appLogouts?.stop();
    await webhooks?.stop();
    await mailSender?.stop();
    await mailSink?.close();
    await limits?.close();
    await database.close();
    throw error;
  }
}
