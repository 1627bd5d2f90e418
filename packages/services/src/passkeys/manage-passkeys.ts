import { LockMode } from '@mikro-orm/core';
import { Passkey, Profile, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { assertAnotherWayIn } from '../sign-in/index.ts';
import { passkeyView, type PasskeyView } from './passkey-view.ts';

/** The person's own passkeys, newest first. */
export async function listPasskeys(options: { em: EntityManager; actor: Pick<Actor, 'profileId'> }): Promise<PasskeyView[]> {
  const passkeys = await options.em.find(Passkey, { profile: options.actor.profileId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  return passkeys.map(passkeyView);
}

async function ownPasskey(em: EntityManager, actor: Actor, passkeyId: string): Promise<Passkey> {
  const passkey = await em.findOne(Passkey, { id: passkeyId, profile: actor.profileId });
  if (!passkey) throw new AppError('NOT_FOUND');
  return passkey;
}

export async function renamePasskey(options: { em: EntityManager; actor: Actor; passkeyId: string; name: string }): Promise<PasskeyView> {
  return options.em.transactional(async (em) => {
    const passkey = await ownPasskey(em, options.actor, options.passkeyId);
    const from = passkey.name;
    passkey.name = options.name.trim();
    if (from !== passkey.name) recordAudit(em, options.actor, { workspaceId: null, action: 'passkey.renamed', targetProfileId: options.actor.profileId, details: { previousName: from, name: passkey.name } });
    await em.flush();
    return passkeyView(passkey);
  });
}

/** Removed at once, unless it is the profile's last way in; the person is told by mail. */
export async function removePasskey(options: { em: EntityManager; config: ServiceConfig; actor: Actor; passkeyId: string }): Promise<{ removed: true }> {
  return options.em.transactional(async (em) => {
    const profile = await em.findOneOrFail(Profile, { id: options.actor.profileId }, { populate: ['passwordHash'], lockMode: LockMode.PESSIMISTIC_WRITE });
    const passkey = await ownPasskey(em, options.actor, options.passkeyId);
    await assertAnotherWayIn(em, profile, { passkeyId: passkey.id });
    recordAudit(em, options.actor, { workspaceId: null, action: 'passkey.removed', targetProfileId: profile.id, details: { name: passkey.name } });
    enqueueMail(em, { to: profile.email, kind: 'passkey_changed', locale: profile.locale, params: { change: 'removed', name: passkey.name, when: new Date(), link: portalLink(options.config, '/security') } });
    em.remove(passkey);
    await em.flush();
    return { removed: true as const };
  });
}
