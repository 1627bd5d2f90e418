import type { ValidatedSession } from '@gatehouse/auth';

/** What `auth.session` answers: the caller's session and profile, or null when signed out. */
export function sessionView(auth: ValidatedSession | null) {
  if (!auth) return null;
  const { session, profile } = auth;
  return {
    session: {
      id: session.id,
      client: session.client,
      workspaceId: session.workspaceId,
      lastActiveAt: session.lastActiveAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      /** A workspace's policy holds this session to setting up a second step. */
      setupOnly: session.setupOnly,
    },
    profile,
  };
}
