import { Session, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { assertReauthenticated, type Proof } from './reauthenticate.ts';
import { endSession } from './sessions.ts';

/**
 * Ends one of the caller's own sessions; another profile's session id is not
 * found. Ending another device's session is confirmed by password or code: a
 * stolen session must not be able to throw the owner out.
 */
export async function revokeSession(options: { em: EntityManager; actor: Actor; config: ServiceConfig; sessionId: string; proof: Proof }): Promise<void> {
  const { em, actor, sessionId } = options;
  const session = await em.findOne(Session, { id: sessionId, profile: actor.profileId });
  if (!session) throw new AppError('NOT_FOUND');
  if (session.id !== actor.sessionId) await assertReauthenticated({ em, config: options.config, actor, proof: options.proof, require: 'any' });
  await endSession(em, session.id);
  recordAudit(em, actor, { workspaceId: null, action: 'session.revoked', targetProfileId: actor.profileId, details: { client: session.client, current: session.id === actor.sessionId } });
  await em.flush();
}
