import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Member, Profile, Workspace, WorkspaceDomain, type EntityManager } from '@gatehouse/db';
import { AppError, domainOfEmail, type DomainJoinMode } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { admitJoiner } from '../join-link/index.ts';
import { assertSeatsAvailable, lockWorkspace } from '../workspace/index.ts';
import { asEmailTaken, assertEmailFree } from '../profile/index.ts';

/** A workspace whose verified domain is the person's own: joined at once, or asked to join. */
export interface SuggestedWorkspace {
  workspace: { slug: string; name: string };
  joinMode: Extract<DomainJoinMode, 'suggest' | 'join'>;
}

/** Only a confirmed login email speaks for its domain. */
async function confirmedProfile(em: EntityManager, actor: Actor): Promise<Profile> {
  const profile = await em.findOneOrFail(Profile, { id: actor.profileId });
  if (!profile.emailVerifiedAt) throw new AppError('EMAIL_NOT_VERIFIED');
  return profile;
}

/**
 * The workspaces that verified the domain of the person's confirmed login
 * email and suggest themselves (or let people in at once), where the person
 * has no membership of any kind yet — a dismissed member is not courted back.
 */
export async function suggestedWorkspaces(options: { em: EntityManager; actor: Actor }): Promise<SuggestedWorkspace[]> {
  const profile = await options.em.findOneOrFail(Profile, { id: options.actor.profileId });
  if (!profile.emailVerifiedAt) return [];
  const domains = await options.em.find(
    WorkspaceDomain,
    { domain: domainOfEmail(profile.email), verifiedAt: { $ne: null }, joinMode: { $in: ['suggest', 'join'] } },
    { populate: ['workspace'], limit: 20 },
  );
  if (!domains.length) return [];
  const memberOf = new Set(
    (await options.em.find(Member, { profile: profile.id, workspace: { $in: domains.map((row) => row.workspace.id) } }, { fields: ['workspace'] })).map((member) => member.workspace.id),
  );
  return domains
    .filter((row) => !memberOf.has(row.workspace.id))
    .map((row) => ({ workspace: { slug: row.workspace.getEntity().slug, name: row.workspace.getEntity().name }, joinMode: row.joinMode as SuggestedWorkspace['joinMode'] }));
}

/**
 * Joining a workspace through its verified domain: at once where it lets
 * people in (`join`), else as a request an admin approves (`suggest`). Either
 * way a seat is taken under the workspace's lock, as every way in does.
 */
export async function joinByDomain(options: { em: EntityManager; actor: Actor; workspaceSlug: string }): Promise<{ workspace: { slug: string; name: string }; status: 'active' | 'awaiting_approval' }> {
  const { actor } = options;
  const profile = await confirmedProfile(options.em, actor);
  const domain = domainOfEmail(profile.email);
  try {
    return await options.em.transactional(async (em) => {
      const workspace = await em.findOne(Workspace, { slug: options.workspaceSlug });
      const held = workspace ? await em.findOne(WorkspaceDomain, { workspace: workspace.id, domain, verifiedAt: { $ne: null }, joinMode: { $in: ['suggest', 'join'] } }) : null;
      // Without such a domain the workspace is not there for this person (no enumeration of workspaces).
      if (!workspace || !held) throw new AppError('NOT_FOUND');
      await lockWorkspace(em, workspace.id);
      const existing = await em.findOne(Member, { workspace: workspace.id, profile: profile.id });
      if (existing?.status === 'dismissed') throw new AppError('MEMBER_DISMISSED');
      if (existing) {
        if (existing.status === 'active' || existing.status === 'awaiting_approval') return { workspace: { slug: workspace.slug, name: workspace.name }, status: existing.status };
        throw new AppError('INVITATION_NOT_PENDING');
      }
      await assertEmailFree(em, { email: profile.email, workspaceId: workspace.id });
      await assertSeatsAvailable(em, workspace);
      const status = held.joinMode === 'join' ? 'active' : 'awaiting_approval';
      admitJoiner(em, { workspace, profile, role: 'employee', status, source: 'domain', actor, details: { domain } });
      await em.flush();
      return { workspace: { slug: workspace.slug, name: workspace.name }, status };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw asEmailTaken(error);
    throw error;
  }
}
