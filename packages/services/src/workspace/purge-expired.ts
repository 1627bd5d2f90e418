import { deleteExpiredRows, type EntityManager } from '@gatehouse/db';

export interface PurgeReport {
  sessions: number;
  /** Second-step and passkey ceremonies never finished. */
  challenges: number;
  tokens: number;
  invitations: number;
  mail: number;
  /** Expired codes, tokens and sessions of the OpenID Connect provider. */
  oidc: number;
  /** SAML assertions remembered against replay, once past their expiry. */
  samlAssertions: number;
  /** Old webhook deliveries, and events no endpoint still holds. */
  webhooks: number;
}

const DAY_MS = 86_400_000;
/** An invitation nobody accepted is removed this long after it expired, freeing its seat. */
export const EXPIRED_INVITATION_GRACE_DAYS = 30;
/** Delivered (or given-up) mail is kept this long for the admin's questions, then removed. */
const MAIL_KEPT_DAYS = 30;

/** Removes what has expired: sessions, second-factor challenges, used or dead links, long-expired invitations, old delivered mail, the provider's expired records. */
export async function purgeExpired(options: { em: EntityManager; now: Date }): Promise<PurgeReport> {
  const { now } = options;
  return deleteExpiredRows(options.em, {
    now,
    linksBefore: new Date(now.getTime() - DAY_MS),
    invitationsExpiredBefore: new Date(now.getTime() - EXPIRED_INVITATION_GRACE_DAYS * DAY_MS),
    mailBefore: new Date(now.getTime() - MAIL_KEPT_DAYS * DAY_MS),
  });
}
