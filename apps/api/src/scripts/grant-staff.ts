/**
 * `pnpm staff:grant <email> [...]`: appoints platform staff on the configured
 * database (DATABASE_URL, or the embedded one in DATA_DIR). Beside a running
 * `pnpm start` it uses that product's PostgreSQL and leaves it running.
 */
import pino from 'pino';
import { openDatabase } from '../database.ts';
import { readEnv } from '../env.ts';
import { appointStaff } from '../staff.ts';

const emails = process.argv.slice(2);
if (emails.length === 0) {
  console.error('Usage: pnpm staff:grant <email> [<email> ...]');
  process.exit(2);
}
const env = readEnv();
const logger = pino({ level: 'warn' });
const database = await openDatabase({ databaseUrl: env.databaseUrl, limits: env.databaseLimits, dataDir: env.dataDir, logger, joinRunning: true });
try {
  const appointed = await appointStaff(database.orm, emails, logger);
  console.log(appointed.length ? `Platform staff now: ${appointed.join(', ')}` : 'No profile signs in with these emails.');
} finally {
  await database.close();
}
