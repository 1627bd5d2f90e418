import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { AppError, normalizePassword } from '@gatehouse/domain';
import { Semaphore } from './semaphore.ts';

/**
 * OWASP Password Storage Cheat Sheet, argon2id minimum: m = 19 MiB, t = 2, p = 1.
 * A change here rehashes each profile's password at its next sign-in.
 */
/** `algorithm: 2` is the library's `Algorithm.Argon2id` (a const enum, which type stripping cannot read). */
export const ARGON2_PARAMETERS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** One hash at a time per core keeps latency flat; a short queue absorbs bursts, the rest is told to retry. */
const hashing = new Semaphore({ limit: Math.max(1, availableParallelism()), queueLimit: 64 * Math.max(1, availableParallelism()) });

/** Seconds a caller refused for load is asked to wait. */
export const OVERLOAD_RETRY_SECONDS = 1;

/**
 * Whether a new password check would be refused right now (every slot busy,
 * the queue full): the HTTP layer then refuses a password request before
 * spending anything on it, so a login flood cannot crowd out other requests.
 */
export function passwordWorkSaturated(): boolean {
  return hashing.saturated;
}

/** The password hashing slots in use and the checks waiting for one (metrics). */
export function passwordWorkLoad(): { running: number; waiting: number; limit: number } {
  return { running: hashing.running, waiting: hashing.pending, limit: hashing.limit };
}

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  const result = await hashing.run(work);
  if (!result.ran) throw new AppError('RATE_LIMITED', { retryAfterSeconds: OVERLOAD_RETRY_SECONDS });
  return result.value;
}

export function hashPassword(password: string): Promise<string> {
  return bounded(() => hash(normalizePassword(password), ARGON2_PARAMETERS));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return bounded(async () => {
    try {
      return await verify(passwordHash, normalizePassword(password));
    } catch {
      return false; // a malformed stored hash never signs anyone in
    }
  });
}

let dummyHash: Promise<string> | undefined;

/** Nice value of the hashing threads: under contention the event loop (nice 0) gets about ten times their CPU share. */
const HASHING_NICENESS = 10;

/**
 * Done once at start-up: makes the dummy hash for unknown emails, and (on
 * Linux) lowers the priority of libuv's worker threads, where argon2id runs.
 * Hashing still gets every idle cycle, but when a login flood keeps both
 * busy, the event loop and PostgreSQL are scheduled first, so other requests
 * keep their latency. Lowering a priority needs no privilege.
 */
export async function preparePasswordWork(): Promise<{ threadsLowered: number }> {
  dummyHash ??= hash('gatehouse-timing-equaliser', ARGON2_PARAMETERS);
  await dummyHash; // the thread pool exists from here on
  if (process.platform !== 'linux') return { threadsLowered: 0 };
  let threadsLowered = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      if (readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() !== 'libuv-worker') continue;
      setPriority(Number(tid), HASHING_NICENESS); // on Linux a thread id names that one thread
      threadsLowered++;
    } catch {
      // a thread that ended meanwhile, or a system that refuses: hashing keeps the default priority
    }
  }
  return { threadsLowered };
}

/**
 * For an email without a profile (or without a password): spend the same
 * time as a real verification so response time does not reveal which emails exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hash('gatehouse-timing-equaliser', ARGON2_PARAMETERS);
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Whether a stored hash was made with other parameters than today's. */
export function needsRehash(passwordHash: string): boolean {
  const { memoryCost, timeCost, parallelism } = ARGON2_PARAMETERS;
  return !passwordHash.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
}
