import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Profile } from '@gatehouse/db';
import { makeProfile, uniqueEmail } from '@gatehouse/db/testing';
import { openDatabase } from './database.ts';
import { readEnv } from './env.ts';

const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `pnpm staff:grant` as a person would, in its own process, with this environment. */
function grantStaff(email: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // No DATABASE_URL: the script must find the embedded database in DATA_DIR, as beside `pnpm start`.
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['src/scripts/grant-staff.ts', email], { cwd: APP_ROOT, env: { ...inherited, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('pnpm staff:grant beside the running product', () => {
  it('appoints staff on the product’s embedded PostgreSQL and leaves it running', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gatehouse-staff-'));
    await chmod(dataDir, 0o755);
    // The product, as `pnpm start` opens it: its own PostgreSQL in DATA_DIR.
    const product = await openDatabase({ databaseUrl: undefined, limits: readEnv({}).databaseLimits, dataDir, logger: pino({ level: 'silent' }) });
    try {
      const email = uniqueEmail('staff');
      await makeProfile(product.orm.em.fork(), { email });
      const granted = await grantStaff(email, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      expect(granted).toMatchObject({ code: 0, output: expect.stringContaining(`Platform staff now: ${email}`) });
      // The product's connections still work: its PostgreSQL was joined, not stopped.
      expect((await product.orm.em.fork().findOneOrFail(Profile, { email })).isStaff).toBe(true);
    } finally {
      await product.close();
      await product.embedded?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
