import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { hashPassword, needsRehash, preparePasswordWork, verifyAgainstNothing, verifyPassword } from './password.ts';
import { Semaphore } from './semaphore.ts';

describe('passwords', () => {
  it('hashes with argon2id at the OWASP parameters and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false);
  });

  it('treats Unicode forms of one password as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait tous les jours');
    expect(await verifyPassword(stored, 'cafe\u0301 au lait tous les jours')).toBe(true);
  });

  it('asks for a rehash of hashes made with weaker parameters', () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA')).toBe(true);
  });

  it('refuses an unknown email only after spending a real verification', async () => {
    expect(await verifyAgainstNothing('whatever password here')).toBe(false);
  });
});

describe('semaphore', () => {
  it('runs up to its limit, queues up to its queue limit and refuses the rest', async () => {
    const semaphore = new Semaphore({ limit: 1, queueLimit: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = semaphore.run(() => gate.then(() => 'first'));
    expect(semaphore.saturated).toBe(false);
    const second = semaphore.run(async () => 'second');
    expect(semaphore.saturated).toBe(true);
    const third = await semaphore.run(async () => 'third');
    expect(third).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await second).toEqual({ ran: true, value: 'second' });
    expect(semaphore.saturated).toBe(false);
  });

  it('runs the hashing threads below the event loop’s priority (Linux)', async () => {
    const { threadsLowered } = await preparePasswordWork();
    if (process.platform !== 'linux') return;
    expect(threadsLowered).toBeGreaterThan(0);
    const niceness = readdirSync('/proc/self/task')
      .filter((tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === 'libuv-worker')
      .map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
    expect(niceness.length).toBe(threadsLowered);
    expect(niceness.every((nice) => nice > 0)).toBe(true);
    expect(getPriority(process.pid)).toBe(0);
  });
});
