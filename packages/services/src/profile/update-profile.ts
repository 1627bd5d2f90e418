import { Member, Profile, type EntityManager } from '@gatehouse/db';
import type { Locale } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { profileView, type ProfileView } from '../shared/views.ts';

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
