import { Member, Profile, type EntityManager } from '@gatehouse/db';
import type { Locale } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { profileView, type MembershipView, type ProfileView } from '../shared/views.ts';

export async function getProfile(options: { em: EntityManager; actor: Actor }): Promise<ProfileView> {
  return profileView(await options.em.findOneOrFail(Profile, { id: options.actor.profileId }));
}

export interface UpdateProfileOptions {
  em: EntityManager;
  actor: Actor;
  name?: string;
  locale?: Locale;
}

/** Own name and language. A new name follows the person into every workspace directory. */
export async function updateProfile(options: UpdateProfileOptions): Promise<ProfileView> {
  return options.em.transactional(async (em) => {
    const profile = await em.findOneOrFail(Profile, { id: options.actor.profileId });
    if (options.locale) profile.locale = options.locale;
    if (options.name !== undefined && options.name.trim() !== profile.name) {
      profile.name = options.name.trim();
      await em.nativeUpdate(Member, { profile: profile.id }, { name: profile.name });
    }
    await em.flush();
    return profileView(profile);
  });
}

/** The workspaces this profile belongs to, dismissed ones included so the person knows why access ended. */
export async function listMyWorkspaces(options: { em: EntityManager; actor: Actor }): Promise<MembershipView[]> {
  const members = await options.em.find(
    Member,
    { profile: options.actor.profileId, status: { $in: ['active', 'dismissed'] } },
    { populate: ['workspace'], orderBy: { workspace: { name: 'asc' } }, limit: 500 },
  );
  return members.map((member) => {
    const workspace = member.workspace.getEntity();
    return {
      workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, plan: workspace.plan },
      memberId: member.id,
      role: member.role,
      status: member.status,
      isCreator: workspace.creator.id === options.actor.profileId,
    };
  });
}
