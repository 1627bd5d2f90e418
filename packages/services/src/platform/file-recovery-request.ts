import { Member, RecoveryRequest, type EntityManager } from '@gatehouse/db';
import { AppError, RECOVERY_LETTER_MAX_BYTES, sniffLetterType } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { type Membership } from '../members/index.ts';

export interface FileRecoveryOptions {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
  formerAdminName: string;
  formerAdminLogin: string;
  proposedMemberId: string;
  statement: string;
  letter: { bytes: Uint8Array; name: string };
}

/**
 * When no active admin is left, any member asks platform staff for one: the
 * former admin, the proposed admin (a member), a statement and the signed
 * letter (PDF or image, checked by its bytes, at most 5 MB).
 */
export async function fileRecoveryRequest(options: FileRecoveryOptions): Promise<{ id: string }> {
  const { em, actor, membership } = options;
  if (await em.count(Member, { workspace: membership.workspace.id, role: 'admin', status: 'active' })) throw new AppError('FORBIDDEN', { requiredRole: 'admin' });
  if (options.letter.bytes.length > RECOVERY_LETTER_MAX_BYTES) throw new AppError('INVALID_INPUT', { fields: { letter: 'file_too_big' } });
  const type = sniffLetterType(options.letter.bytes);
  if (!type) throw new AppError('INVALID_INPUT', { fields: { letter: 'file_type' } });
  const proposed = await em.findOne(Member, { id: options.proposedMemberId, workspace: membership.workspace.id, status: 'active' });
  if (!proposed?.profile) throw new AppError('NOT_FOUND');
  const request = em.create(RecoveryRequest, {
    workspace: membership.workspace.id,
    requester: membership.member.id,
    formerAdminName: options.formerAdminName.trim(),
    formerAdminLogin: options.formerAdminLogin.trim(),
    proposedAdmin: proposed,
    statement: options.statement.trim(),
    letter: Buffer.from(options.letter.bytes),
    letterType: type,
    letterName: options.letter.name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'letter',
  });
  recordAudit(em, actor, { workspaceId: membership.workspace.id, action: 'recovery.filed', targetMemberId: proposed.id });
  await em.flush();
  return { id: request.id };
}
