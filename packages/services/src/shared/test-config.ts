import { createTxtResolver } from '../domains/index.ts';
import { createRateLimits, SecretBox } from '@gatehouse/auth';
import { DEFAULT_LIFETIMES } from '@gatehouse/domain';
import type { ServiceConfig } from './config.ts';

/** A real configuration for use-case tests: rate limits on the test database, a fresh server key. */
export function testServiceConfig(databaseUrl: string): ServiceConfig & { close(): Promise<void> } {
  const appSecret = crypto.getRandomValues(new Uint8Array(32));
  const limits = createRateLimits({ databaseUrl });
  return { publicUrl: new URL('http://localhost:3000'), appSecret, totpBox: new SecretBox(appSecret, 'totp'), limits, lifetimes: { ...DEFAULT_LIFETIMES }, dns: createTxtResolver(), outboundAllowPrivate: true, webhooksAllowPrivate: true, close: () => limits.close() };
}
