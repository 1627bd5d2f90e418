import { hashOneTimeToken } from '@gatehouse/auth';
import { LockMode } from '@mikro-orm/core';
import { Member, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';

export async function findInvitation(em: EntityManager, token: string, options: { lock: boolean }): Promise<Member> {
  const hash = hashOneTimeToken(token);
  if (!hash) throw new AppError('TOKEN_INVALID');
  const where = { invitationTokenHash: hash, status: 'invited', source: 'invitation' } as const;
  // Locked, the invitation's row alone: a lock taken with its workspace joined in would lock the workspace row too, and every accept would wait for every other.
  const member = options.lock ? await em.findOne(Member, where, { lockMode: LockMode.PESSIMISTIC_WRITE }) : await em.findOne(Member, where, { populate: ['workspace', 'invitedBy'] });
  if (!member) throw new AppError('TOKEN_INVALID');
  if (options.lock) await em.populate(member, ['workspace', 'invitedBy']);
  if (!member.invitationExpiresAt || member.invitationExpiresAt.getTime() <= Date.now()) throw new AppError('TOKEN_EXPIRED');
  return member;
}

/** What the code's keyed hash is bound to: this invitation and the profile that asked for it. */
export const codePurpose = (memberId: string, profileId: string, code: string) => `invitation-code:${memberId}:${profileId}:${code}`;
