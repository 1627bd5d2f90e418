/**
 * `pnpm start:cluster [N]`: N api processes (default 3) behind HAProxy on
 * PORT, on one PostgreSQL (DATABASE_URL, or the embedded one in DATA_DIR),
 * mail to SMTP_URL or to one local sink shared by all. `kill -HUP <pid>`
 * restarts every process in turn without a failed request; Ctrl-C stops all.
 */
import pino from 'pino';
import { Buffer } from 'node:buffer';
import { startMailSink } from '@gatehouse/mail';
import { loadAppSecret } from '../app-secret.ts';
import { Cluster } from '../cluster/cluster.ts';
import { startEmbeddedDatabase } from '../database.ts';
import { readEnv } from '../env.ts';

const env = readEnv();
const logger = pino({ level: env.logLevel });
const processes = Number(process.argv[2] ?? 3);
if (!Number.isInteger(processes) || processes < 1 || processes > 32) throw new Error('usage: pnpm start:cluster [number of api processes, 1–32]');

const embedded = env.databaseUrl ? null : await startEmbeddedDatabase({ dataDir: env.dataDir, logger });
const sink = env.smtpUrl ? null : await startMailSink();
const appSecret = Buffer.from(await loadAppSecret({ configured: env.appSecret, dataDir: env.dataDir })).toString('hex');
const cluster = new Cluster({
  processes,
  port: env.port,
  databaseUrl: env.databaseUrl ?? embedded!.url,
  appSecret,
  smtpUrl: env.smtpUrl ?? sink!.url,
  log: (line) => logger.debug(line),
});
await cluster.start();
console.log(`\n  ${processes} api processes behind HAProxy at ${cluster.url} (pids ${cluster.pids.join(', ')})\n  Rolling restart: kill -HUP ${process.pid}\n`);

let busy = false;
process.on('SIGHUP', () => {
  if (busy) return;
  busy = true;
  logger.info('rolling restart');
  cluster
    .rollingRestart()
    .then(() => logger.info({ pids: cluster.pids }, 'rolling restart done'))
    .catch((error: unknown) => logger.error({ err: error }, 'rolling restart failed'))
    .finally(() => (busy = false));
});
const stop = async () => {
  await cluster.stop();
  await sink?.close();
  await embedded?.server.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
