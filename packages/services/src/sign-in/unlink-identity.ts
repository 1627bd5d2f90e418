import { LockMode } from '@mikro-orm/core';
import { Identity, Profile, type EntityManager } from '@gatehouse/db';
import { assertAnotherWayIn } from './ways-in.ts';
import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';

/** Unlinks a social identity, unless it is the profile's last way to sign in. */
export async function unlinkIdentity(options: { em: EntityManager; actor: Actor; identityId: string }): Promise<{ unlinked: true }> {
  return options.em.transactional(async (em) => {
    const profile = await em.findOneOrFail(Profile, { id: options.actor.profileId }, { populate: ['passwordHash'], lockMode: LockMode.PESSIMISTIC_WRITE });
    const identity = await em.findOne(Identity, { id: options.identityId, profile: profile.id });
    if (!identity) throw new AppError('NOT_FOUND');
    await assertAnotherWayIn(em, profile, { identityId: identity.id });
    recordAudit(em, options.actor, { workspaceId: null, action: 'identity.unlinked', targetProfileId: profile.id, details: { provider: identity.provider } });
    em.remove(identity);
    await em.flush();
    return { unlinked: true as const };
  });
}
