import type { EntityManager } from '@gatehouse/db';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { endProfileSessions } from './sessions.ts';

/** Ends every session of the caller but the one making the request. */
export async function revokeOtherSessions(options: { em: EntityManager; actor: Actor }): Promise<{ revoked: number }> {
  const revoked = await endProfileSessions(options.em, options.actor.profileId, { except: options.actor.sessionId });
  recordAudit(options.em, options.actor, { workspaceId: null, action: 'sessions.revoked_others', targetProfileId: options.actor.profileId, details: { revoked } });
  await options.em.flush();
  return { revoked };
}
