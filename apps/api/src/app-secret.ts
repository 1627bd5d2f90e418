import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const MIN_BYTES = 32;

function decode(value: string): Uint8Array {
  const bytes = /^[0-9a-f]+$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (bytes.length < MIN_BYTES) throw new Error(`APP_SECRET must hold at least ${MIN_BYTES} bytes (hex or base64).`);
  return new Uint8Array(bytes);
}

/**
 * The server key: APP_SECRET when set (every api process of one deployment
 * must share it), else one generated at the first start and kept, readable by
 * its owner only, in the data directory.
 */
export async function loadAppSecret(options: { configured: string | undefined; dataDir: string }): Promise<Uint8Array> {
  if (options.configured) return decode(options.configured);
  const file = path.join(options.dataDir, 'app-secret');
  if (existsSync(file)) return decode((await readFile(file, 'utf8')).trim());
  await mkdir(options.dataDir, { recursive: true, mode: 0o755 });
  const secret = randomBytes(MIN_BYTES).toString('hex');
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return decode((await readFile(file, 'utf8')).trim());
}
