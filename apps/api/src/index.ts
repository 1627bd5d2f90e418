export { startServer, type RunningServer } from './server.ts';
export { readEnv, type Env } from './env.ts';
export { DEMO_ADMIN_EMAIL, DEMO_SLUG } from './seed-demo.ts';
