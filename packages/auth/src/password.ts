import { availableParallelism } from 'node:os';
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
const OVERLOAD_RETRY_SECONDS = 1;

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
