import { readEnv } from './env.ts';
import { startServer } from './server.ts';

const started = Date.now();
const env = readEnv();
const server = await startServer(env);
server.logger.info({ url: env.publicUrl.origin, port: server.port, ms: Date.now() - started }, 'Gatehouse is listening');
console.log(`  Portal:  ${env.publicUrl.origin}/\n  Console: ${env.publicUrl.origin}/console/\n  API:     ${env.publicUrl.origin}/trpc\n`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.logger.info({ signal }, 'shutting down: finishing in-flight requests');
  try {
    await server.close();
    server.logger.info('stopped cleanly');
    process.exit(0);
  } catch (error) {
    server.logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
