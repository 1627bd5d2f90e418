/**
 * `pnpm oidc:rotate-keys`: new signing keys for the OpenID Connect issuer,
 * now (after a suspected leak, or by policy). The running api processes pick
 * them up within half a minute; the old keys stay published until the tokens
 * they signed have expired. Beside a running `pnpm start` it uses that
 * product's PostgreSQL and leaves it running.
 */
import pino from 'pino';
import { RETIRED_KEY_PUBLISHED_MS } from '@gatehouse/api';
import { rotateSigningKeys } from '@gatehouse/services';
import { loadAppSecret } from '../app-secret.ts';
import { openDatabase } from '../database.ts';
import { readEnv } from '../env.ts';

const env = readEnv();
const logger = pino({ level: 'warn' });
const database = await openDatabase({ databaseUrl: env.databaseUrl, limits: env.databaseLimits, dataDir: env.dataDir, logger, joinRunning: true });
try {
  const appSecret = await loadAppSecret({ configured: env.appSecret, dataDir: env.dataDir });
  const { retired, created } = await rotateSigningKeys({ em: database.orm.em.fork(), appSecret, keepPublishedMs: RETIRED_KEY_PUBLISHED_MS });
  console.log(`New signing keys: ${created.join(', ')}. Retired (published for ${RETIRED_KEY_PUBLISHED_MS / 60_000} more minutes): ${retired.join(', ') || 'none'}.`);
} finally {
  await database.close();
}
