import { type EntityManager } from '@gatehouse/db';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { endSession } from './sessions.ts';

/** The caller signs out: this session ends, and the profile's history says so. */
export async function signOut(options: { em: EntityManager; actor: Actor }): Promise<void> {
  await endSession(options.em, options.actor.sessionId);
  recordAudit(options.em, options.actor, { workspaceId: null, action: 'session.signed_out', targetProfileId: options.actor.profileId });
  await options.em.flush();
}
