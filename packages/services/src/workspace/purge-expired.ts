import { executeStatement, type EntityManager } from '@gatehouse/db';

export interface PurgeReport {
  sessions: number;
  challenges: number;
  tokens: number;
  invitations: number;
  mail: number;
}

const DAY_MS = 86_400_000;
/** An invitation nobody accepted is removed this long after it expired, freeing its seat. */
export const EXPIRED_INVITATION_GRACE_DAYS = 30;

/** Removes what has expired: sessions, second-factor challenges, used or dead links, long-expired invitations, old delivered mail. */
export async function purgeExpired(options: { em: EntityManager; now: Date }): Promise<PurgeReport> {
  const { em, now } = options;
  return {
    sessions: await executeStatement(em, 'delete from session where expires_at <= $1', [now]),
    challenges: await executeStatement(em, 'delete from two_factor_challenge where expires_at <= $1', [now]),
    tokens: await executeStatement(em, 'delete from profile_token where expires_at <= $1 or used_at <= $1', [new Date(now.getTime() - DAY_MS)]),
    invitations: await executeStatement(
      em,
      `delete from member where status = 'invited' and source = 'invitation' and invitation_expires_at <= $1`,
      [new Date(now.getTime() - EXPIRED_INVITATION_GRACE_DAYS * DAY_MS)],
    ),
    mail: await executeStatement(em, 'delete from outbox_message where (sent_at is not null or failed_at is not null) and created_at <= $1', [new Date(now.getTime() - 30 * DAY_MS)]),
  };
}
