import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { SecretBox } from '@gatehouse/auth';
import type { ServiceConfig } from '../shared/config.ts';

/*
 * Standard Webhooks: each message carries `webhook-id`, `webhook-timestamp`
 * and `webhook-signature` (HMAC-SHA256 over id.timestamp.body with the
 * endpoint's `whsec_` secret), signed by the `standardwebhooks` library.
 * While a rotation's overlap lasts, the signature header carries one
 * signature per secret, space-separated, and a receiver accepts either.
 */

/** A new endpoint secret: 32 random bytes, as Standard Webhooks writes them. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The endpoints' secrets' own key, derived from the app secret. */
export function webhookSecretBox(config: ServiceConfig): SecretBox {
  return new SecretBox(config.appSecret, 'webhook-secret');
}

export const sealWebhookSecret = (config: ServiceConfig, secret: string): string => webhookSecretBox(config).seal(new TextEncoder().encode(secret));
export const openWebhookSecret = (config: ServiceConfig, sealed: string): string => new TextDecoder().decode(webhookSecretBox(config).open(sealed));

/** The three headers of one attempt, signed with every secret still valid. */
export function signedHeaders(secrets: readonly string[], message: { id: string; payload: string; at: Date }): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(message.at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(message.id, message.at, message.payload)).join(' '),
  };
}
