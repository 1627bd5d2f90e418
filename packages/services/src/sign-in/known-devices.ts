import { hashSecret } from '@gatehouse/auth';
import { KnownDevice, type EntityManager } from '@gatehouse/db';
import type { RequestOrigin } from '../shared/actor.ts';

/** What identifies a device to one profile: the browser's device cookie, or (scripts, desktop) its user agent. */
export function deviceHashOf(profileId: string, origin: RequestOrigin): string {
  return hashSecret(`${profileId}:${origin.deviceId ?? origin.userAgent ?? 'unknown'}`);
}

/**
 * A browser that signed in to this profile before, proven by its device
 * cookie (a random secret, unlike a user agent anyone can send).
 */
export async function isTrustedDevice(em: EntityManager, profileId: string, origin: RequestOrigin): Promise<boolean> {
  if (!origin.deviceId) return false;
  return (await em.count(KnownDevice, { profile: profileId, deviceHash: deviceHashOf(profileId, origin) })) > 0;
}
