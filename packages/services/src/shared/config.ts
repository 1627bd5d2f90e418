import type { RateLimits, SecretBox } from '@gatehouse/auth';
import type { Lifetimes } from '@gatehouse/domain';

/** What use cases need of the deployment: where links point, keys, and the shared rate limits. */
export interface ServiceConfig {
  /** The product's public origin (PUBLIC_URL): the only base for links in mails, never a request's Host. */
  publicUrl: URL;
  /** Server key for HMAC-derived secrets (quick-join links). */
  appSecret: Uint8Array;
  /** Encrypts TOTP secrets at rest. */
  totpBox: SecretBox;
  limits: RateLimits;
  /** How long links, invitations and temporary secrets live (README, "Configuration"). */
  lifetimes: Lifetimes;
  /** Where verified domains' TXT records are looked up (the system's resolver, or `DNS_SERVERS`). */
  dns: TxtResolver;
  /** Whether requests to addresses admins typed may reach private and loopback addresses (development and tests only). */
  outboundAllowPrivate: boolean;
  /** The same for webhook endpoints (WEBHOOKS_ALLOW_PRIVATE; by default as above), plain http included. */
  webhooksAllowPrivate: boolean;
}

/** The one DNS question Gatehouse asks: the TXT records at a name. */
export interface TxtResolver {
  txt(name: string): Promise<string[][]>;
}

/** Portal links carry their secret in the fragment, so it never reaches a server log or a Referer header. */
export function portalLink(config: ServiceConfig, path: string, secret?: string): string {
  const url = new URL(path, config.publicUrl);
  if (secret) url.hash = secret;
  return url.toString();
}

/** A page of the console (`/acme/members/…`), for the mails that ask an admin to act there. */
export function consoleLink(config: ServiceConfig, path: string): string {
  return portalLink(config, `/console${path}`);
}
