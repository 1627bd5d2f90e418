import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import type { PasskeyCeremonyPurpose } from '@gatehouse/db';
import { AppError, PASSKEY_CHALLENGE_TTL_MS } from '@gatehouse/domain';
import type { ServiceConfig } from '../shared/config.ts';

/** A ceremony as its id carries it: what it is for, whose it is, its challenge, until when. */
export interface Ceremony {
  id: string;
  purpose: PasskeyCeremonyPurpose;
  profileId: string | null;
  challenge: string;
  expiresAt: Date;
}

const keys = new WeakMap<Uint8Array, Buffer>();
function keyOf(config: Pick<ServiceConfig, 'appSecret'>): Buffer {
  let key = keys.get(config.appSecret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', config.appSecret, Buffer.alloc(0), 'gatehouse:passkey-ceremony', 32));
    keys.set(config.appSecret, key);
  }
  return key;
}

const macOf = (config: Pick<ServiceConfig, 'appSecret'>, payload: string) => createHmac('sha256', keyOf(config)).update(payload).digest();

/**
 * Starts a ceremony without writing anything: its id is the ceremony itself,
 * signed with the deployment's key, so any api process can check the answer
 * (and an anonymous caller cannot fill a table with challenges).
 */
export function startCeremony(config: Pick<ServiceConfig, 'appSecret'>, options: { challenge: string; purpose: PasskeyCeremonyPurpose; profileId: string | null }): string {
  const payload = Buffer.from(JSON.stringify([randomUUID(), options.purpose, options.profileId, Date.now() + PASSKEY_CHALLENGE_TTL_MS, options.challenge])).toString('base64url');
  return `${payload}.${macOf(config, payload).toString('base64url')}`;
}

/**
 * The ceremony an answer names, when it is one this deployment started, for
 * this purpose and this person, and not expired. Anything else is
 * PASSKEY_INVALID. Whether it was answered already is known only when the
 * answer is recorded (`spendCeremony…`), in the same statement.
 */
export function readCeremony(config: Pick<ServiceConfig, 'appSecret'>, options: { id: string; purpose: PasskeyCeremonyPurpose; profileId: string | null }): Ceremony {
  const [payload, mac, extra] = options.id.split('.');
  if (!payload || !mac || extra !== undefined) throw new AppError('PASSKEY_INVALID');
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(config, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('PASSKEY_INVALID');
  const [id, purpose, profileId, expiresAt, challenge] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, PasskeyCeremonyPurpose, string | null, number, string];
  if (purpose !== options.purpose || profileId !== options.profileId || expiresAt <= Date.now()) throw new AppError('PASSKEY_INVALID');
  return { id, purpose, profileId, challenge, expiresAt: new Date(expiresAt) };
}
