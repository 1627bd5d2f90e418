import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@gatehouse/domain';

/**
 * Every guessable secret and every mail-sending door has limits, counted in
 * PostgreSQL so all api processes share them. Each limit has tiers whose
 * blocks grow: a handful of tries, then minutes, then hours.
 */
const MINUTE = 60;
const HOUR = 60 * MINUTE;

interface Tier {
  points: number;
  duration: number;
  blockDuration: number;
}

const LIMITS = {
  /** Failed sign-ins per login email, whether or not it has a profile. */
  signInAccount: [
    { points: 5, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 20, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  /**
   * Failed sign-ins per login email from a device that signed in to it before
   * (its device cookie): its own allowance, so guesses from elsewhere cannot
   * lock the owner out (OWASP Authentication Cheat Sheet, device cookies).
   */
  signInDevice: [
    { points: 5, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 20, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  /** Sign-in attempts per client address: generous, since a whole office may share one address. */
  signInAddress: [
    { points: 300, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 5000, duration: 24 * HOUR, blockDuration: 6 * HOUR },
  ],
  /** Second-factor codes (TOTP or recovery) per profile. */
  twoFactor: [
    { points: 5, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 20, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  /** Password-reset mails per login email and per address. */
  resetMail: [
    { points: 3, duration: HOUR, blockDuration: HOUR },
    { points: 10, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  resetAddress: [{ points: 50, duration: HOUR, blockDuration: HOUR }],
  /** Sign-up, verification and email-change mails per client address. */
  mailAddress: [{ points: 50, duration: HOUR, blockDuration: HOUR }],
  /** Redeeming mailed links and invitations per client address. */
  tokenAddress: [
    { points: 100, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 200, duration: 24 * HOUR, blockDuration: 6 * HOUR },
  ],
  /** Invitation mails (sent, resent, registrations) per inviting profile and per workspace: no spam cannon. */
  invitationMailInviter: [
    { points: 100, duration: HOUR, blockDuration: HOUR },
    { points: 500, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  invitationMailWorkspace: [
    { points: 300, duration: HOUR, blockDuration: HOUR },
    { points: 1500, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  /** Codes mailed to an invited address (per invitation), and wrong ones typed. */
  invitationCodeMail: [{ points: 5, duration: HOUR, blockDuration: HOUR }],
  invitationCodeGuess: [{ points: 5, duration: 15 * MINUTE, blockDuration: 15 * MINUTE }],
  /** Login-email change requests per profile: each may answer "this email is taken". */
  emailChangeProfile: [
    { points: 5, duration: HOUR, blockDuration: HOUR },
    { points: 20, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  /** Password checks made to confirm a sensitive change, per profile. */
  reauthentication: [
    { points: 5, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 20, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  /** Passkey sign-in ceremonies begun per client address (each sign-in page offers one to the browser's autofill). */
  passkeyCeremonyAddress: [
    { points: 600, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 10000, duration: 24 * HOUR, blockDuration: 6 * HOUR },
  ],
  /** Reminders to set up two-step verification an admin sends, per workspace: a nudge, not a mail flood. */
  twoFactorReminder: [
    { points: 3, duration: HOUR, blockDuration: HOUR },
    { points: 10, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  /** DNS look-ups for a workspace's domains an admin asks for: each one a query to the resolver. */
  domainCheck: [
    { points: 20, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 200, duration: 24 * HOUR, blockDuration: 6 * HOUR },
  ],
  /** Unknown, revoked or expired API keys presented, per client address: no guessing keys either. */
  apiKeyAddress: [
    { points: 20, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 100, duration: 24 * HOUR, blockDuration: 6 * HOUR },
  ],
  /** Calls per API key: a script's pace, never a flood from a leaked key. */
  apiKeyCalls: [
    { points: 600, duration: MINUTE, blockDuration: MINUTE },
    { points: 20000, duration: HOUR, blockDuration: 15 * MINUTE },
  ],
  /** Downloads a person asks of their own data and history, per profile: each streams everything, so a pace, not a loop. */
  personalExport: [
    { points: 10, duration: HOUR, blockDuration: HOUR },
    { points: 50, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  /** Audit trail downloads per workspace (admins and their API keys together). */
  auditExport: [
    { points: 60, duration: HOUR, blockDuration: HOUR },
    { points: 500, duration: 24 * HOUR, blockDuration: 24 * HOUR },
  ],
  /** Unknown or revoked SCIM tokens presented, per client address. */
  scimTokenAddress: [
    { points: 20, duration: 15 * MINUTE, blockDuration: 15 * MINUTE },
    { points: 100, duration: 24 * HOUR, blockDuration: 6 * HOUR },
  ],
  /** Calls per SCIM token: a directory's first sync of thousands of people, never an endless flood. */
  scimCalls: [
    { points: 3000, duration: MINUTE, blockDuration: MINUTE },
    { points: 100000, duration: HOUR, blockDuration: 15 * MINUTE },
  ],
} satisfies Record<string, Tier[]>;

export type LimitName = keyof typeof LIMITS;

export interface RateLimits {
  /**
   * Counts one attempt, atomically, before the attempt is judged: of N
   * parallel attempts only as many as the tier allows get through. Refuses
   * with RATE_LIMITED (and when to retry) once a tier is exhausted.
   */
  consume(name: LimitName, key: string): Promise<void>;
  /** Refuses without counting if the key is currently blocked; tells whether any attempts are counted for it. */
  check(name: LimitName, key: string): Promise<{ counted: boolean }>;
  /** Forgets the key's failures (after a success). */
  reset(name: LimitName, key: string): Promise<void>;
  close(): Promise<void>;
}

/** RATE_LIMITED, and whether this attempt is the one that started the block (worth an audit event, once). */
export class RateLimitRefusal extends AppError {
  readonly startedBlock: boolean;
  constructor(msBeforeNext: number, startedBlock: boolean) {
    super('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) });
    this.startedBlock = startedBlock;
  }
}

function refusal(msBeforeNext: number, startedBlock = false): AppError {
  return new RateLimitRefusal(msBeforeNext, startedBlock);
}

export function createRateLimits(options: { databaseUrl: string; onPoolError?: (error: Error) => void; onRefusal?: (name: LimitName) => void }): RateLimits {
  // A bounded wait for a connection, so an unreachable database refuses at once instead of queueing requests.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
  // An idle client's connection dropped by the server (a restart, a failover) is an 'error' event: unheard, it ends the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  const limiters = Object.fromEntries(
    Object.entries(LIMITS).map(([name, tiers]) => [
      name,
      (tiers as Tier[]).map(
        (tier, index) =>
          new RateLimiterPostgres({
            storeClient: pool,
            storeType: 'pool',
            tableName: 'rate_limit',
            tableCreated: true,
            keyPrefix: `${name}:${index}`,
            points: tier.points,
            duration: tier.duration,
            blockDuration: tier.blockDuration,
          }),
      ),
    ]),
  ) as Record<LimitName, RateLimiterPostgres[]>;

  return {
    async consume(name, key) {
      const results = await Promise.allSettled(limiters[name].map((limiter) => limiter.consume(key)));
      const refused = results
        .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
        .map((result) => result.reason as unknown);
      if (refused.length === 0) return;
      const blocked = refused.filter((reason): reason is RateLimiterRes => reason instanceof RateLimiterRes);
      if (blocked.length !== refused.length) throw refused.find((reason) => !(reason instanceof RateLimiterRes));
      const tiers = LIMITS[name] as Tier[];
      options.onRefusal?.(name);
      const startedBlock = results.some((result, index) => result.status === 'rejected' && (result.reason as RateLimiterRes).consumedPoints === tiers[index]!.points + 1);
      throw refusal(Math.max(...blocked.map((res) => res.msBeforeNext)), startedBlock);
    },
    async check(name, key) {
      const states = await Promise.all(limiters[name].map((limiter) => limiter.get(key)));
      const waits = states
        .map((state, index) => (state && state.consumedPoints > limiters[name][index]!.points ? state.msBeforeNext : 0))
        .filter((wait) => wait > 0);
      if (waits.length) throw refusal(Math.max(...waits));
      return { counted: states.some((state) => state !== null && state.consumedPoints > 0) };
    },
    async reset(name, key) {
      await Promise.all(limiters[name].map((limiter) => limiter.delete(key)));
    },
    close: () => pool.end(),
  };
}

/** No limits at all: only for benchmarks that measure the cost of the work itself (RATE_LIMITS=off). */
export function createDisabledRateLimits(): RateLimits {
  return { consume: async () => {}, check: async () => ({ counted: false }), reset: async () => {}, close: async () => {} };
}
