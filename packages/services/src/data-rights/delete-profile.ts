import { LockMode } from '@mikro-orm/core';
import { eraseProfileRow, Member, Profile, revokeOidcAccountRecords, Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, isLastAdmin, type AppErrorParams } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { enqueueMail } from '@gatehouse/mail';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { activeAdminCount, applyDismissal } from '../members/index.ts';
import { assertReauthenticated, type Proof } from '../sign-in/index.ts';
import { lockWorkspace } from '../workspace/index.ts';

/*
 * Leaving Gatehouse (GDPR article 17) without breaking the seeds' rule that
 * a company's records are never lost. What is the person's goes: the
 * profile, its sign-in data, identities, passkeys, second factor, sessions,
 * tokens and network-level history. What is the companies' stays: in every
 * workspace the member row remains, dismissed, under the name the workspace
 * knew, with its tasks and audit trail — and with nothing left that signs in.
 */

type Blocker = NonNullable<AppErrorParams['blockers']>[number];

/** The workspaces that would be left without their creator or without an admin, read under their locks. */
async function blockersOf(em: EntityManager, profileId: string, members: Member[]): Promise<Blocker[]> {
  const blockers: Blocker[] = (await em.find(Workspace, { creator: profileId }, { orderBy: { name: 'asc' } })).map((workspace) => ({ workspace: workspace.name, as: 'creator' }));
  for (const member of members) {
    const workspace = member.workspace.getEntity();
    if (workspace.creator.id === profileId) continue;
    if (isLastAdmin(member, await activeAdminCount(em, workspace.id))) blockers.push({ workspace: workspace.name, as: 'last_admin' });
  }
  return blockers;
}

/** The member's record as the workspace keeps it once the person is gone: dismissed, named, not linked to anyone who signs in. Whether it was dismissed now. */
async function leaveWorkspace(em: EntityManager, actor: Actor, profile: Profile, member: Member): Promise<boolean> {
  const wasStatus = member.status;
  if (member.status === 'active') await applyDismissal(em, member);
  else if (member.status === 'awaiting_approval') Object.assign(member, { status: 'dismissed', dismissedAt: new Date() });
  if (wasStatus !== 'dismissed') {
    recordAudit(em, actor, { workspaceId: member.workspace.id, action: 'member.dismissed', targetMemberId: member.id, targetProfileId: profile.id, details: { profileDeleted: true } });
  }
  // The login email leaves with the profile; a contact address that was only that login goes with it.
  if (member.contactEmail === profile.email) member.contactEmail = null;
  Object.assign(member, {
    departedProfileId: profile.id,
    profile: null,
    twoFactorExemptAt: null,
    twoFactorExemptUntil: null,
    // The directory's ids for the person are freed: it may provision them again as someone new.
    externalId: null,
    directoryUserName: null,
  });
  const workspace = member.workspace.getEntity();
  if (workspace.creatorTransferTo === member.id) workspace.creatorTransferTo = null;
  return wasStatus !== 'dismissed';
}

/**
 * Deletes the caller's profile after they proved it is them with every
 * factor they have (password, and the code when two-step verification is on;
 * or a passkey). Refused, changing nothing, while they are a workspace's
 * creator or its last admin: the answer names those workspaces.
 */
export async function deleteProfile(options: { em: EntityManager; config: ServiceConfig; actor: Actor; proof: Proof }): Promise<{ deleted: true; workspacesLeft: number }> {
  const { actor } = options;
  await assertReauthenticated({ em: options.em, config: options.config, actor, proof: options.proof, require: 'every' });
  return options.em.transactional(async (em) => {
    // Every workspace the person is in, locked in one order (two deletions, or a deletion and an admin's change, cannot deadlock), before anything is counted.
    const locked = new Set<string>();
    const lockAll = async (ids: string[]) => {
      for (const id of [...new Set(ids)].filter((id) => !locked.has(id)).sort()) {
        await lockWorkspace(em, id);
        locked.add(id);
      }
    };
    await lockAll((await em.find(Member, { profile: actor.profileId }, { fields: ['workspace'] })).map((member) => member.workspace.id));
    const profile = await em.findOneOrFail(Profile, { id: actor.profileId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const members = await em.find(Member, { profile: profile.id }, { populate: ['workspace'], orderBy: { createdAt: 'asc' } });
    // A membership that arrived between the two reads (an invitation accepted just now) is locked too before anything is counted.
    await lockAll(members.map((member) => member.workspace.id));
    const blockers = await blockersOf(em, profile.id, members);
    if (blockers.length) throw new AppError('PROFILE_NOT_DELETABLE', { blockers });

    const dismissedFrom: string[] = [];
    for (const member of members) if (await leaveWorkspace(em, actor, profile, member)) dismissedFrom.push(member.workspace.getEntity().name);
    // The apps of every workspace lose the person's grants, and hear it on their back-channels.
    await revokeOidcAccountRecords(em, { accountId: profile.id, workspaceId: null });
    await em.flush();
    await eraseProfileRow(em, profile.id);
    em.getUnitOfWork().unsetIdentity(profile);
    recordAudit(em, actor, { workspaceId: null, action: 'profile.deleted', targetProfileId: profile.id, details: { workspaces: members.length } });
    // The address is told what went and what stays: a deletion nobody asked for is noticed at once.
    enqueueMail(em, {
      to: profile.email,
      kind: 'profile_deleted',
      locale: profile.locale,
      params: { when: new Date(), workspaces: dismissedFrom, signUpLink: portalLink(options.config, '/signup') },
    });
    await em.flush();
    return { deleted: true, workspacesLeft: members.length };
  });
}
