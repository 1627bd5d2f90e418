import { createSession, hashPassword, needsRehash, verifyAgainstNothing, verifyPassword, type SessionInfo } from '@gatehouse/auth';
import type { Workspace} from '@gatehouse/db';
import { Member, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, normalizeEmail, signInRefusal, type SessionClient } from '@gatehouse/domain';
import type { RequestOrigin } from './actor.ts';
import { profileView, type ProfileView } from './views.ts';

export interface SignInOptions {
  em: EntityManager;
  email: string;
  password: string;
  /** Sign in at one workspace (its address) rather than to the network. */
  workspaceSlug?: string | null;
  client: SessionClient;
  origin: RequestOrigin;
}

export interface SignInResult {
  token: string;
  session: SessionInfo;
  profile: ProfileView;
  workspace: { slug: string; name: string } | null;
}

/**
 * Checks the password first and says nothing else until it is right: an
 * unknown email costs the same verification and gets the same answer as a
 * wrong password. Only then does membership speak (NO_ACCESS, MEMBER_DISMISSED).
 */
export async function signIn(options: SignInOptions): Promise<SignInResult> {
  const { em } = options;
  const email = normalizeEmail(options.email);
  const profile = await em.findOne(Profile, { email }, { populate: ['passwordHash'] });
  const passwordHash = profile?.passwordHash;
  const valid = passwordHash ? await verifyPassword(passwordHash, options.password) : await verifyAgainstNothing(options.password);
  if (!profile || !passwordHash || !valid) throw new AppError('INVALID_CREDENTIALS');

  if (needsRehash(passwordHash)) profile.passwordHash = await hashPassword(options.password);

  let workspace: Workspace | null = null;
  if (options.workspaceSlug) {
    const member = await em.findOne(Member, { workspace: { slug: options.workspaceSlug }, profile }, { populate: ['workspace'] });
    const refusal = signInRefusal(member);
    if (refusal) throw new AppError(refusal);
    workspace = member!.workspace.getEntity();
    // Any sign-in keeps a free workspace from counting as abandoned.
    workspace.lastSignInAt = new Date();
  }
  await em.flush();

  const { token, session } = await createSession(em, {
    profileId: profile.id,
    workspaceId: workspace?.id ?? null,
    client: options.client,
    userAgent: options.origin.userAgent,
    ipAddress: options.origin.ipAddress,
    idleMinutes: workspace?.sessionIdleMinutes ?? null,
  });
  return {
    token,
    session,
    profile: profileView(profile),
    workspace: workspace ? { slug: workspace.slug, name: workspace.name } : null,
  };
}
