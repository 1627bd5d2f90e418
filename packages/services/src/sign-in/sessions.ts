import { invalidateSession } from '@gatehouse/auth';
import { deleteProfileSessions, Session, type EntityManager } from '@gatehouse/db';
import { sessionExpiresAt } from '@gatehouse/domain';
import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { assertReauthenticated, type Proof } from './reauthenticate.ts';
import type { SessionView } from '../shared/views.ts';

/** The caller's signed-in devices, most recently used first. */
export async function listSessions(options: { em: EntityManager; actor: Actor }): Promise<SessionView[]> {
  const { em, actor } = options;
  const sessions = await em.find(Session, { profile: actor.profileId }, { populate: ['workspace'], orderBy: { lastActiveAt: 'desc' }, limit: 200 });
  const now = Date.now();
  return sessions
    .map((session) => {
      const workspace = session.workspace?.getEntity() ?? null;
      const expiresAt = sessionExpiresAt({ ...session, idleMinutes: workspace?.sessionIdleMinutes ?? null });
      return { session, workspace, expiresAt };
    })
    .filter(({ expiresAt }) => expiresAt.getTime() > now)
    .map(({ session, workspace, expiresAt }) => ({
      id: session.id,
      client: session.client,
      current: session.id === actor.sessionId,
      userAgent: session.userAgent ?? null,
      ipAddress: session.ipAddress ?? null,
      workspaceSlug: workspace?.slug ?? null,
      createdAt: session.createdAt.toISOString(),
      lastActiveAt: session.lastActiveAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    }));
}

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
  await invalidateSession(em, session.id);
  recordAudit(em, actor, { workspaceId: null, action: 'session.revoked', targetProfileId: actor.profileId, details: { client: session.client, current: session.id === actor.sessionId } });
  await em.flush();
}

/** The caller signs out: this session ends, and the profile's history says so. */
export async function signOut(options: { em: EntityManager; actor: Actor }): Promise<void> {
  await invalidateSession(options.em, options.actor.sessionId);
  recordAudit(options.em, options.actor, { workspaceId: null, action: 'session.signed_out', targetProfileId: options.actor.profileId });
  await options.em.flush();
}

/** Ends every session of the caller but the one making the request. */
export async function revokeOtherSessions(options: { em: EntityManager; actor: Actor }): Promise<{ revoked: number }> {
  const revoked = await deleteProfileSessions(options.em, { profileId: options.actor.profileId, exceptId: options.actor.sessionId });
  recordAudit(options.em, options.actor, { workspaceId: null, action: 'sessions.revoked_others', targetProfileId: options.actor.profileId, details: { revoked } });
  await options.em.flush();
  return { revoked };
}
