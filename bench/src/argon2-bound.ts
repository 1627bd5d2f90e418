import { availableParallelism } from 'node:os';
import { hashPassword, verifyPassword } from '@gatehouse/auth';
import { PASSWORD } from './seed.ts';

/**
 * The ceiling for any password sign-in on this machine: argon2id verifies per
 * second with the product's parameters, one per core at a time (as the
 * product's semaphore allows), with no HTTP or database around them.
 */
export async function argon2Bound(seconds: number): Promise<{ verifiesPerSecond: number; parallelism: number }> {
  const hash = await hashPassword(PASSWORD);
  const parallelism = availableParallelism();
  const until = Date.now() + seconds * 1000;
  let count = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: parallelism }, async () => {
      while (Date.now() < until) {
        await verifyPassword(hash, PASSWORD);
        count++;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { verifiesPerSecond: Math.round(count / elapsed), parallelism };
}
