import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { claimDueAppLogouts, recordAppLogoutAttempt, type Orm } from '@gatehouse/db';
import type { ServiceConfig } from '../shared/config.ts';
import { postForm } from '../shared/outbound.ts';
import { pairwiseSubject } from './app-sign-in.ts';
import { signingJwks } from './signing-keys.ts';

/** An app that does not answer is tried again after 30 s, doubling up to an hour, for a day; then the logout is given up. */
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3_600_000;
const GIVE_UP_AFTER_MS = 24 * 3_600_000;
const TIMEOUT_MS = 5_000;
const BATCH = 20;

export function nextLogoutAttempt(attempts: number, now: Date): Date {
  return new Date(now.getTime() + Math.min(FIRST_RETRY_MS * 2 ** attempts, LONGEST_RETRY_MS));
}

/**
 * Delivers the back-channel logouts that are due: a logout token (signed
 * RS256, as ID tokens are) POSTed to each app, no redirects, a short timeout,
 * no private destination unless allowed. Any number of api processes may
 * run this at once; each logout goes out from one of them.
 */
export async function deliverAppLogouts(options: { orm: Orm; config: ServiceConfig; allowPrivate: boolean; now?: Date }): Promise<{ delivered: number; retried: number; failed: number }> {
  const { orm, config } = options;
  const now = options.now ?? new Date();
  const due = await claimDueAppLogouts(orm.em.fork(), { now, limit: BATCH, lockMs: TIMEOUT_MS * 4 });
  const report = { delivered: 0, retried: 0, failed: 0 };
  if (!due.length) return report;
  const key = (await signingJwks({ em: orm.em.fork(), appSecret: config.appSecret, now })).find((jwk) => jwk.alg === 'RS256');
  if (!key) throw new Error('no RS256 signing key');
  const privateKey = await importJWK(key, 'RS256');
  for (const logout of due) {
    const token = await new SignJWT({ events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'logout+jwt' })
      .setIssuer(config.publicUrl.origin)
      .setAudience(logout.clientId)
      .setSubject(pairwiseSubject(config.appSecret, logout.accountId, logout.workspaceId))
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + 120)
      .setJti(randomUUID())
      .sign(privateKey);
    const outcome = await postForm(logout.uri, { logout_token: token }, { timeoutMs: TIMEOUT_MS, allowPrivate: options.allowPrivate });
    const em = orm.em.fork();
    if (outcome.ok) {
      await recordAppLogoutAttempt(em, { id: logout.id, now, outcome: 'delivered' });
      report.delivered += 1;
    } else if (now.getTime() - logout.createdAt.getTime() >= GIVE_UP_AFTER_MS) {
      await recordAppLogoutAttempt(em, { id: logout.id, now, outcome: 'failed', error: outcome.reason });
      report.failed += 1;
    } else {
      await recordAppLogoutAttempt(em, { id: logout.id, now, outcome: 'retry', retryAt: nextLogoutAttempt(logout.attempts, now), error: outcome.reason });
      report.retried += 1;
    }
  }
  return report;
}
