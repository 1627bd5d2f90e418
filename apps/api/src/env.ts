import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { SocialProviderConfig } from '@gatehouse/auth';
import { DEFAULT_BROWSER_SESSION_MAX_MS, DEFAULT_LIFETIMES, parseDuration, type Lifetimes } from '@gatehouse/domain';

/** A lifetime setting: `90s`, `15m`, `12h`, `7d`. */
const Duration = z
  .string()
  .transform((text, context) => parseDuration(text) ?? (context.addIssue({ code: 'custom', message: 'a duration such as 90s, 15m, 12h or 7d' }), z.NEVER))
  .optional();

/** The only reader of process.env in the api process (API.md, "Configuration"). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Interface to listen on; 0.0.0.0 to accept connections from other machines. */
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  /**
   * Connections this process keeps to PostgreSQL. Few by default: on a small
   * machine shared with PostgreSQL, more busy backends than cores only add
   * switching (measured: 4 instead of 20 on 2 cores took the session check's
   * p99 from 18 to 14 ms at higher throughput). Raise it for a remote database.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(Math.max(4, 2 * availableParallelism())),
  /** How long a query may wait for a free connection before the request is answered 503 (back-pressure, not an endless queue). */
  DATABASE_ACQUIRE_TIMEOUT: Duration,
  /** PostgreSQL's statement_timeout for the requests' pool, and for the member directory's own pool. */
  DATABASE_STATEMENT_TIMEOUT: Duration,
  DIRECTORY_STATEMENT_TIMEOUT: Duration,
  /** Directory calls one process runs at once (default: two per connection of the directory's pool), and how many more may wait their turn before a call is refused with 503 at the door. */
  DIRECTORY_CONCURRENCY: z.coerce.number().int().min(1).max(1000).optional(),
  DIRECTORY_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
  SMTP_URL: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(1).default('Gatehouse <no-reply@localhost>'),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, '.data')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a reverse proxy, how many hops to trust for the client address (Express `trust proxy`). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Server key (hex or base64, at least 32 bytes) for derived secrets; unset: generated once and kept in DATA_DIR. */
  APP_SECRET: z.string().min(32).optional(),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  MICROSOFT_CLIENT_ID: z.string().min(1).optional(),
  MICROSOFT_CLIENT_SECRET: z.string().min(1).optional(),
  /** A tenant id for one organisation's accounts. */
  MICROSOFT_TENANT: z.string().min(1).default('organizations'),
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  /** Any OpenID Connect issuer (Keycloak, Okta, Authentik…), discovered from its /.well-known document. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(60).default('Single sign-on'),
  /** Only for a local test issuer served over plain http. */
  OIDC_ALLOW_INSECURE: z.enum(['true', 'false']).default('false'),
  /**
   * Whether Gatehouse may call private, loopback or link-local addresses (an app's back-channel):
   * by default only when PUBLIC_URL itself is this machine (development).
   */
  OUTBOUND_ALLOW_PRIVATE: z.enum(['true', 'false']).optional(),
  /** The same for webhook endpoints, plain http included (development); unset: as OUTBOUND_ALLOW_PRIVATE. */
  WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).optional(),
  /** DNS servers for verified domains' TXT look-ups (comma-separated `host` or `host:port`); unset: the system's resolver. */
  DNS_SERVERS: z
    .string()
    .max(1000)
    .regex(/^[\w.:[\]-]+(,[\w.:[\]-]+)*$/, 'comma-separated addresses, such as 127.0.0.1:5353')
    .optional(),
  /** `off` only for benchmarks: every guessable secret loses its brute-force protection. */
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** Emails of profiles appointed platform staff at start-up (comma-separated); `pnpm staff:grant` does it by hand. */
  PLATFORM_STAFF_EMAILS: z.string().max(5000).default(''),
  /** Lifetimes (README, "Configuration"): each defaults to the product's rule. */
  RESET_LINK_LIFETIME: Duration,
  EMAIL_CHANGE_LINK_LIFETIME: Duration,
  EMAIL_VERIFICATION_LINK_LIFETIME: Duration,
  INVITATION_LIFETIME: Duration,
  INVITATION_CODE_LIFETIME: Duration,
  TEMPORARY_PASSWORD_LIFETIME: Duration,
  BROWSER_SESSION_MAX_LIFETIME: Duration,
  /** After SIGTERM: how long /readyz fails before the listener closes (the load balancer's health-check interval × its fall count). */
  SHUTDOWN_DELAY: Duration,
  /** After SIGTERM: how long in-flight requests may take before their connections are cut. */
  SHUTDOWN_TIMEOUT: Duration,
  /** Serves /metrics (Prometheus) to callers sending `Authorization: Bearer <token>`; unset, /metrics does not exist. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Skip the demo workspace on an empty database. */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
});

export interface Env {
  port: number;
  host: string;
  publicUrl: URL;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** The pools' sizes and timeouts, as `openDatabase` takes them. */
  databaseLimits: { poolSize: number; acquireTimeoutMs: number; statementTimeoutMs: number; directoryStatementTimeoutMs: number };
  smtpUrl: string | undefined;
  appSecret: string | undefined;
  mailFrom: string;
  dataDir: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  trustProxy: number;
  seedDemo: boolean;
  socialProviders: SocialProviderConfig[];
  rateLimits: boolean;
  /** DNS_SERVERS, split; empty: the system's resolver. */
  dnsServers: string[];
  /** Outbound requests may reach private addresses (development). */
  outboundAllowPrivate: boolean;
  /** Webhook endpoints on plain http or private addresses (development); by default as `outboundAllowPrivate`. */
  webhooksAllowPrivate: boolean;
  staffEmails: string[];
  lifetimes: Lifetimes;
  browserSessionMaxMs: number;
  shutdownDelayMs: number;
  metricsToken: string | undefined;
  directoryConcurrency: { limit: number; queue: number };
  shutdownTimeoutMs: number;
  /** Built SPAs served by this process. */
  portalDist: string;
  consoleDist: string;
}

/** A PUBLIC_URL on this machine: a developer's, where the apps being connected run on localhost too. */
function isLoopbackUrl(value: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(value).hostname);
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  const outboundAllowPrivate = env.OUTBOUND_ALLOW_PRIVATE ? env.OUTBOUND_ALLOW_PRIVATE === 'true' : isLoopbackUrl(env.PUBLIC_URL ?? 'http://localhost');
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`),
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databaseLimits: {
      poolSize: env.DATABASE_POOL_SIZE,
      acquireTimeoutMs: env.DATABASE_ACQUIRE_TIMEOUT ?? 10_000,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT ?? 15_000,
      directoryStatementTimeoutMs: env.DIRECTORY_STATEMENT_TIMEOUT ?? 3_000,
    },
    smtpUrl: env.SMTP_URL,
    appSecret: env.APP_SECRET,
    mailFrom: env.MAIL_FROM,
    dataDir: path.resolve(env.DATA_DIR),
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    seedDemo: env.SEED_DEMO === 'true',
    socialProviders: socialProvidersOf(env),
    rateLimits: env.RATE_LIMITS === 'on',
    dnsServers: env.DNS_SERVERS?.split(',') ?? [],
    outboundAllowPrivate,
    webhooksAllowPrivate: env.WEBHOOKS_ALLOW_PRIVATE ? env.WEBHOOKS_ALLOW_PRIVATE === 'true' : outboundAllowPrivate,
    staffEmails: env.PLATFORM_STAFF_EMAILS.split(',').map((email) => email.trim().toLowerCase()).filter(Boolean),
    lifetimes: {
      resetLinkMs: env.RESET_LINK_LIFETIME ?? DEFAULT_LIFETIMES.resetLinkMs,
      emailChangeLinkMs: env.EMAIL_CHANGE_LINK_LIFETIME ?? DEFAULT_LIFETIMES.emailChangeLinkMs,
      emailVerificationLinkMs: env.EMAIL_VERIFICATION_LINK_LIFETIME ?? DEFAULT_LIFETIMES.emailVerificationLinkMs,
      invitationMs: env.INVITATION_LIFETIME ?? DEFAULT_LIFETIMES.invitationMs,
      invitationCodeMs: env.INVITATION_CODE_LIFETIME ?? DEFAULT_LIFETIMES.invitationCodeMs,
      temporaryPasswordMs: env.TEMPORARY_PASSWORD_LIFETIME ?? DEFAULT_LIFETIMES.temporaryPasswordMs,
    },
    browserSessionMaxMs: env.BROWSER_SESSION_MAX_LIFETIME ?? DEFAULT_BROWSER_SESSION_MAX_MS,
    shutdownDelayMs: env.SHUTDOWN_DELAY ?? 0,
    metricsToken: env.METRICS_TOKEN,
    directoryConcurrency: { limit: env.DIRECTORY_CONCURRENCY ?? 2 * directoryPoolSize(env.DATABASE_POOL_SIZE), queue: env.DIRECTORY_QUEUE },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT ?? 10_000,
    portalDist: path.join(REPO_ROOT, 'apps', 'portal', 'dist'),
    consoleDist: path.join(REPO_ROOT, 'apps', 'console', 'dist'),
  };
}

/**
 * The member directory's own pool (database.ts opens it): half the main
 * pool, at least two. Broad searches keep a backend busy each; a lane of its
 * own leaves the main pool's connections to session checks and sign-ins.
 */
export function directoryPoolSize(poolSize: number): number {
  return Math.max(2, Math.floor(poolSize / 2));
}

/** A provider is on when both its client id and secret are set. */
function socialProvidersOf(env: z.infer<typeof EnvSchema>): SocialProviderConfig[] {
  const providers: SocialProviderConfig[] = [];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push({ id: 'google', name: 'Google', kind: 'oidc', issuer: 'https://accounts.google.com', clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET });
  }
  if (env.MICROSOFT_CLIENT_ID && env.MICROSOFT_CLIENT_SECRET) {
    providers.push({
      id: 'microsoft',
      name: 'Microsoft',
      kind: 'oidc',
      issuer: `https://login.microsoftonline.com/${env.MICROSOFT_TENANT}/v2.0`,
      clientId: env.MICROSOFT_CLIENT_ID,
      clientSecret: env.MICROSOFT_CLIENT_SECRET,
    });
  }
  if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) {
    providers.push({ id: 'github', name: 'GitHub', kind: 'github', clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET });
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: 'oidc',
      name: env.OIDC_NAME,
      kind: 'oidc',
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      allowInsecureRequests: env.OIDC_ALLOW_INSECURE === 'true',
    });
  }
  return providers;
}

/** The HAProxy binary `pnpm start:cluster` runs in front of its processes. */
export function haproxyPath(source: NodeJS.ProcessEnv = process.env): string {
  return source.HAPROXY_PATH ?? '/usr/sbin/haproxy';
}

/** What a child api process of the cluster starts with: this process's environment, the cluster's settings on top. */
export function childEnvironment(settings: Record<string, string>, source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...source, ...settings };
}
