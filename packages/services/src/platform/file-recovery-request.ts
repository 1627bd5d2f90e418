import { Member, RecoveryRequest, type EntityManager } from '@gatehouse/db';
import { AppError, RECOVERY_ADMIN_WINDOW_DAYS, RECOVERY_LETTER_MAX_BYTES, sniffLetterType } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { consoleLink, type ServiceConfig } from '../shared/config.ts';
import { type Membership } from '../members/index.ts';
import { lockWorkspace } from '../workspace/index.ts';

export interface FileRecoveryOptions {
  em: EntityManager;
  actor: Actor;
  config: ServiceConfig;
  membership: Membership;
  formerAdminName: string;
  formerAdminLogin: string;
  proposedMemberId: string;
  statement: string;
  letter: { bytes: Uint8Array; name: string };
}

/**
 * A member whose workspace has lost its admins — gone, or no longer
 * answering — asks platform staff for one: the former admin, the proposed
 * admin (a member), a statement and the signed letter (PDF or image, checked
 * by its bytes, at most 5 MB). The admins still there are mailed at once and
 * may refuse it in the console for seven days; staff decide after that. One
 * request waits per workspace at a time.
 */
export async function fileRecoveryRequest(options: FileRecoveryOptions): Promise<{ id: string; adminsUntil: string | null }> {
  const { actor, config, membership } = options;
  // An admin appoints another admin directly; this door is for the members left without one.
  if (membership.member.role === 'admin') throw new AppError('FORBIDDEN');
  if (options.letter.bytes.length > RECOVERY_LETTER_MAX_BYTES) throw new AppError('INVALID_INPUT', { fields: { letter: 'file_too_big' } });
  const type = sniffLetterType(options.letter.bytes);
  if (!type) throw new AppError('INVALID_INPUT', { fields: { letter: 'file_type' } });
  return options.em.transactional(async (em) => {
    const workspace = membership.workspace;
    // Two members filing at the same moment: the workspace lock lets one request through.
    await lockWorkspace(em, workspace.id);
    if (await em.count(RecoveryRequest, { workspace: workspace.id, status: 'pending' })) throw new AppError('RECOVERY_ALREADY_PENDING');
    const proposed = await em.findOne(Member, { id: options.proposedMemberId, workspace: workspace.id, status: 'active' });
    if (!proposed?.profile) throw new AppError('NOT_FOUND');
    const admins = await em.find(Member, { workspace: workspace.id, role: 'admin', status: 'active' }, { populate: ['profile'] });
    const adminsUntil = admins.length ? new Date(Date.now() + RECOVERY_ADMIN_WINDOW_DAYS * 86_400_000) : null;
    const statement = options.statement.trim();
    const request = em.create(RecoveryRequest, {
      workspace: workspace.id,
      requester: membership.member.id,
      formerAdminName: options.formerAdminName.trim(),
      formerAdminLogin: options.formerAdminLogin.trim(),
      proposedAdmin: proposed,
      statement,
      letter: Buffer.from(options.letter.bytes),
      letterType: type,
      letterName: options.letter.name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'letter',
      adminsUntil,
    });
    for (const admin of admins) {
      const profile = admin.profile?.getEntity();
      if (!profile || !adminsUntil) continue;
      enqueueMail(em, {
        to: profile.email,
        kind: 'recovery_filed',
        locale: profile.locale,
        params: { workspaceName: workspace.name, requesterName: membership.member.name, proposedName: proposed.name, statement, until: adminsUntil, link: consoleLink(config, `/${workspace.slug}`) },
      });
    }
    recordAudit(em, actor, {
      workspaceId: workspace.id,
      action: 'recovery.filed',
      targetMemberId: proposed.id,
      details: { requestId: request.id, adminsMailed: admins.length, adminsUntil: adminsUntil?.toISOString() ?? null },
    });
    await em.flush();
    return { id: request.id, adminsUntil: adminsUntil?.toISOString() ?? null };
  });
}
