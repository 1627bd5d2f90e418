import { Session, type EntityManager } from '@gatehouse/db';
import { DEFAULT_SESSION_IDLE_MINUTES, sessionExpiresAt } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import type { SessionView } from '../shared/views.ts';

/** The caller's signed-in devices, most recently used first. */
export async function listSessions(options: { em: EntityManager; actor: Pick<Actor, 'profileId' | 'sessionId'> }): Promise<SessionView[]> {
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
      idleMinutes: session.client === 'browser' ? (workspace?.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) : null,
      createdAt: session.createdAt.toISOString(),
      lastActiveAt: session.lastActiveAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    }));
}
