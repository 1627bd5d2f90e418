import { assertPasswordAcceptable, derivedSecretMatches, hashPassword } from '@gatehouse/auth';
import { ref } from '@mikro-orm/core';
import { countInvitationProofAttempt, Member, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, isActiveAdmin, type Locale, type MemberRole } from '@gatehouse/domain';
import { addressKey, type Actor, type RequestOrigin } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { asEmailTaken, assertEmailFree } from '../profile/index.ts';
import { startSession, type SignedIn } from '../sign-in/index.ts';
import { assertSeatsAvailable } from '../workspace/index.ts';
import { codePurpose, findInvitation } from './find-invitation.ts';

/** Wrong codes one mailed code survives; then a new one must be asked for. */
const INVITATION_CODE_ATTEMPTS = 5;

/** Whether the code proves the invited mailbox for this profile; every try is counted (outside any transaction), and five kill the code. */
async function mailboxProven(em: EntityManager, config: ServiceConfig, member: Member, profileId: string, code: string | undefined): Promise<boolean> {
  if (!code || !member.invitationProofHash || member.invitationProofProfileId !== profileId) return false;
  if (!member.invitationProofExpiresAt || member.invitationProofExpiresAt.getTime() <= Date.now()) return false;
  if (!(await countInvitationProofAttempt(em, member.id, INVITATION_CODE_ATTEMPTS))) return false;
  return derivedSecretMatches(config.appSecret, codePurpose(member.id, profileId, code), member.invitationProofHash);
}

/**
 * The role the invitation still grants: what it says, unless its inviter may
 * no longer grant it (an admin demoted or dismissed since sends no admin in).
 */
async function grantableRole(em: EntityManager, member: Member): Promise<MemberRole> {
  if (member.role !== 'admin') return member.role;
  const inviter = member.invitedBy ? await em.findOne(Member, { workspace: member.workspace.id, profile: member.invitedBy.id }) : null;
  return isActiveAdmin(inviter) ? 'admin' : 'employee';
}

export interface AcceptInvitationOptions {
  em: EntityManager;
  token: string;
  /** Signed in: the invitation binds this profile (it may sign in with another address or a social network). */
  actor: Actor | null;
  /** The code mailed to the invited address, when the signed-in login is another address. */
  mailboxCode?: string;
  /** Not signed in: a new profile with the invited address as its login. */
  name?: string;
  password?: string;
  locale: Locale;
  config: ServiceConfig;
  origin: RequestOrigin;
}

export interface AcceptedInvitation {
  workspace: { slug: string; name: string };
  memberId: string;
  role: MemberRole;
  /** Set when a profile was created; it is signed in on this browser at once (`signedIn`). */
  createdProfileId: string | null;
  signedIn: SignedIn | null;
}

/**
 * Accepts once: the invitation row is locked and its token cleared in the
 * same transaction, so a second tab racing the first finds no invitation.
 * The contact email stays the invited address whichever profile accepts; a
 * profile signed in with another login proves the invited mailbox first.
 */
export async function acceptInvitation(options: AcceptInvitationOptions): Promise<AcceptedInvitation> {
  const { config } = options;
  await config.limits.consume('tokenAddress', addressKey(options.origin));
  if (!options.actor && options.password) {
    const invited = await findInvitation(options.em, options.token, { lock: false });
    assertPasswordAcceptable(options.password, { email: invited.contactEmail, name: options.name ?? null, workspaceNames: [invited.workspace.getEntity().name] });
  }
  const passwordHash = !options.actor && options.password ? await hashPassword(options.password) : null;
  // The code is checked before the invitation row is locked, so its try is counted even when the answer is no.
  let provenCode: string | null = null;
  if (options.actor && options.mailboxCode) {
    const invitation = await findInvitation(options.em, options.token, { lock: false });
    await config.limits.consume('invitationCodeGuess', invitation.id);
    if (!(await mailboxProven(options.em, config, invitation, options.actor.profileId, options.mailboxCode))) throw new AppError('TWO_FACTOR_INVALID');
    provenCode = invitation.invitationProofHash ?? null;
  }
  let accepted: { answer: Omit<AcceptedInvitation, 'signedIn'>; created: Profile | null };
  try {
    accepted = await options.em.transactional(async (em) => {
      // The invitation's own row is locked, so two tabs accept once and an admin's delete waits.
      const member = await findInvitation(em, options.token, { lock: true });
      const workspace = member.workspace.getEntity();
      // The invitation already holds its seat, so accepting takes none and needs no workspace lock (accepts run side by side);
      // a plan that shrank below its seats since refuses it.
      await assertSeatsAvailable(em, workspace, 0);

      let profile: Profile;
      let created = false;
      if (options.actor) {
        profile = await em.findOneOrFail(Profile, { id: options.actor.profileId });
        // The proven code must still be the invitation's current one, asked for by this profile.
        const proven = provenCode != null && member.invitationProofHash === provenCode && member.invitationProofProfileId === profile.id;
        if (profile.email !== member.contactEmail && !proven) throw new AppError('MAILBOX_PROOF_REQUIRED', { email: member.contactEmail! });
        await assertEmailFree(em, { email: profile.email, workspaceId: workspace.id, exceptMemberId: member.id, onlyLogins: true });
      } else {
        const email = member.contactEmail!;
        if (await em.count(Profile, { email })) throw new AppError('UNAUTHENTICATED');
        if (!passwordHash || !options.name?.trim()) throw new AppError('INVALID_INPUT', { fields: { ...(passwordHash ? {} : { password: 'required' }), ...(options.name?.trim() ? {} : { name: 'required' }) } });
        // Following the mailed link proves the address.
        profile = em.create(Profile, { email, name: options.name.trim(), passwordHash, locale: options.locale, emailVerifiedAt: new Date() });
        created = true;
      }
      const invitedRole = member.role;
      member.role = await grantableRole(em, member);
      member.profile = ref(profile);
      member.status = 'active';
      member.name = profile.name;
      member.joinedAt = new Date();
      member.invitationTokenHash = null;
      member.invitationExpiresAt = null;
      member.invitationProofHash = null;
      member.invitationProofProfileId = null;
      member.invitationProofExpiresAt = null;
      recordAudit(em, options.actor ?? { profileId: profile.id, origin: options.origin }, {
        workspaceId: workspace.id,
        action: 'member.invitation_accepted',
        targetMemberId: member.id,
        targetProfileId: profile.id,
        details: {
          role: member.role,
          ...(member.role !== invitedRole ? { invitedRole } : {}),
          ...(profile.email !== member.contactEmail ? { loginEmail: profile.email, mailboxProven: true } : {}),
        },
      });
      await em.flush();
      return {
        answer: { workspace: { slug: workspace.slug, name: workspace.name }, memberId: member.id, role: member.role, createdProfileId: created ? profile.id : null },
        created: created ? profile : null,
      };
    });
  } catch (error) {
    throw asEmailTaken(error);
  }
  // A profile made by following the mailed link is signed in like any other way in: a network session on this browser.
  const signedIn = accepted.created
    ? await startSession({ em: options.em, config, profile: accepted.created, workspace: null, client: 'browser', origin: options.origin, method: 'invitation' })
    : null;
  return { ...accepted.answer, signedIn };
}
