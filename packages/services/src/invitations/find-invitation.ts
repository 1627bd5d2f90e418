import { hashOneTimeToken } from '@gatehouse/auth';
import { LockMode } from '@mikro-orm/core';
import { Member, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';

export async function findInvitation(em: EntityManager, token: string, options: { lock: boolean }): Promise<Member> {
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

/** What the code's keyed hash is bound to: this invitation and the profile that asked for it. */
export const codePurpose = (memberId: string, profileId: string, code: string) => `invitation-code:${memberId}:${profileId}:${code}`;
