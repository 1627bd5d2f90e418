import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WorkspaceApp } from '@gatehouse/db';

/** A new client id: recognisable, and as random as an id needs to be (it is not a secret). */
export function newAppId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `app_${[...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

/** A client secret: 256 random bits, recognisable in a leak by its prefix. Only its SHA-256 is kept. */
export function newAppSecret(): { secret: string; hash: string } {
  const secret = `ghs_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashAppSecret(secret) };
}

export function hashAppSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The app's secret, or the one it replaced while its overlap lasts; compared in constant time. */
export function appSecretMatches(app: Pick<WorkspaceApp, 'secretHash' | 'previousSecretHash' | 'previousSecretExpiresAt'>, presented: string, now = new Date()): boolean {
  const hash = Buffer.from(hashAppSecret(presented), 'hex');
  const equals = (stored: string | null | undefined) => !!stored && timingSafeEqual(Buffer.from(stored, 'hex'), hash);
  const previousValid = !!app.previousSecretExpiresAt && app.previousSecretExpiresAt.getTime() > now.getTime();
  // Both are compared every time, so the answer takes as long whichever matched.
  const current = equals(app.secretHash);
  const previous = equals(app.previousSecretHash) && previousValid;
  return current || previous;
}
