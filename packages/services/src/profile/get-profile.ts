import { Profile, type EntityManager } from '@gatehouse/db';
import type { Actor } from '../shared/actor.ts';
import { profileView, type ProfileView } from '../shared/views.ts';

export async function getProfile(options: { em: EntityManager; actor: Actor }): Promise<ProfileView> {
  return profileView(await options.em.findOneOrFail(Profile, { id: options.actor.profileId }));
}
