import { assertPasswordAcceptable, hashOneTimeToken, hashPassword } from '@gatehouse/auth';
import { LockMode, ref, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Member, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, type Locale } from '@gatehouse/domain';
import { addressKey, type Actor, type RequestOrigin } from './actor.ts';
import type { ServiceConfig } from './config.ts';
import { recordAudit } from './audit.ts';
import { assertSeatsAvailable, lockWorkspace } from './seats.ts';

export interface InvitationPreview {
  workspace: { slug: string; name: string };
  inviterName: string | null;
  email: string;
  expiresAt: string;
  /** A profile already signs in with this address: the person accepts by signing in. */
  profileExists: boolean;
}

async function findInvitation(em: EntityManager, token: string, options: { lock: boolean }): Promise<Member> {
  const hash = hashOneTimeToken(token);
  if (!hash) throw new AppError('TOKEN_INVALID');
  const member = await em.findOne(
    Member,
    { invitationTokenHash: hash, status: 'invited', source: 'invitation' },
    { populate: ['workspace', 'invitedBy'], ...(options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
  );
  if (!member) throw new AppError('TOKEN_INVALID');
  if (!member.invitationExpiresAt || member.invitationExpiresAt.getTime() <= Date.now()) throw new AppError('TOKEN_EXPIRED');
  return member;
}

/** What the invitee sees before accepting; only the holder of the mailed link can ask. */
export async function previewInvitation(options: { em: EntityManager; config: ServiceConfig; token: string; origin: RequestOrigin }): Promise<InvitationPreview> {
  await options.config.limits.consume('tokenAddress', addressKey(options.origin));
  const member = await findInvitation(options.em, options.token, { lock: false });
  const workspace = member.workspace.getEntity();
  const email = member.contactEmail ?? '';
  return {
    workspace: { slug: workspace.slug, name: workspace.name },
    inviterName: member.invitedBy?.getEntity().name ?? null,
    email,
    expiresAt: member.invitationExpiresAt!.toISOString(),
    profileExists: (await options.em.count(Profile, { email })) > 0,
  };
}

export interface AcceptInvitationOptions {
  em: EntityManager;
  token: string;
  /** Signed in: the invitation binds this profile (it may sign in with another address or a social network). */
  actor: Actor | null;
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
  /** Set when a profile was created: the caller signs it in. */
  createdProfileId: string | null;
}

/**
 * Accepts once: the invitation row is locked and its token cleared in the
 * same transaction, so a second tab racing the first finds no invitation.
 * The contact email stays the invited address whichever profile accepts.
 */
export async function acceptInvitation(options: AcceptInvitationOptions): Promise<AcceptedInvitation> {
  await options.config.limits.consume('tokenAddress', addressKey(options.origin));
  if (!options.actor && options.password) {
    const invited = await findInvitation(options.em, options.token, { lock: false });
    assertPasswordAcceptable(options.password, { email: invited.contactEmail, name: options.name ?? null });
  }
  const passwordHash = !options.actor && options.password ? await hashPassword(options.password) : null;
  try {
    return await options.em.transactional(async (em) => {
      const member = await findInvitation(em, options.token, { lock: true });
      const workspace = member.workspace.getEntity();
      await lockWorkspace(em, workspace.id);
      // The invitation already holds a seat; a plan that shrank since may not have room any more.
      await assertSeatsAvailable(em, workspace, 0);

      let profile: Profile;
      let created = false;
      if (options.actor) {
        profile = await em.findOneOrFail(Profile, { id: options.actor.profileId });
        if (await em.count(Member, { workspace: workspace.id, profile: profile.id })) {
          throw new AppError('EMAIL_TAKEN', { scope: 'workspace', emailKind: 'login' });
        }
      } else {
        const email = member.contactEmail!;
        if (await em.count(Profile, { email })) throw new AppError('UNAUTHENTICATED');
        if (!passwordHash || !options.name?.trim()) throw new AppError('INVALID_INPUT', { fields: { ...(passwordHash ? {} : { password: 'required' }), ...(options.name?.trim() ? {} : { name: 'required' }) } });
        // Following the mailed link proves the address.
        profile = em.create(Profile, { email, name: options.name.trim(), passwordHash, locale: options.locale, emailVerifiedAt: new Date() });
        created = true;
      }
      member.profile = ref(profile);
      member.status = 'active';
      member.name = profile.name;
      member.joinedAt = new Date();
      member.invitationTokenHash = null;
      member.invitationExpiresAt = null;
      recordAudit(em, options.actor ?? { profileId: profile.id, origin: options.origin }, {
        workspaceId: workspace.id,
        action: 'member.invitation_accepted',
        targetMemberId: member.id,
        targetProfileId: profile.id,
      });
      await em.flush();
      return { workspace: { slug: workspace.slug, name: workspace.name }, memberId: member.id, createdProfileId: created ? profile.id : null };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new AppError('EMAIL_TAKEN', { scope: 'network', emailKind: 'login' });
    throw error;
  }
}
