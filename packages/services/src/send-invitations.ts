import { generateOneTimeToken } from '@gatehouse/auth';
import { Member, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, isAppError, isPlausibleEmail, normalizeEmail, type AppCode, type MemberRole } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import { portalLink, type ServiceConfig } from './config.ts';
import { assertEmailFreeInWorkspace } from './email-in-use.ts';
import { addCompleteProfileTask, assertMayInvite, INVITATION_TTL_MS } from './invitation-rules.ts';
import type { Membership } from './resolve-membership.ts';
import { assertSeatsAvailable, lockWorkspace } from './seats.ts';

export interface SendInvitationsOptions {
  em: EntityManager;
  actor: Actor;
  membership: Membership;
  config: ServiceConfig;
  emails: string[];
  message?: string | null;
  role: MemberRole;
}

export interface InvitationResult {
  email: string;
  ok: boolean;
  memberId?: string;
  appCode?: AppCode;
}

/**
 * Email invitations, one result per address: each address is its own
 * transaction under the workspace lock, so a full plan or a taken address
 * stops that address only, and parallel calls can never overfill the seats.
 */
export async function sendInvitations(options: SendInvitationsOptions): Promise<InvitationResult[]> {
  const { actor, membership, config } = options;
  const { workspace, member: inviter } = membership;
  assertMayInvite(inviter, workspace, options.role);

  const seen = new Set<string>();
  const results: InvitationResult[] = [];
  for (const raw of options.emails) {
    const email = normalizeEmail(raw);
    if (!isPlausibleEmail(email)) {
      results.push({ email, ok: false, appCode: 'INVALID_INPUT' });
      continue;
    }
    if (seen.has(email)) continue;
    seen.add(email);
    try {
      const memberId = await options.em.fork().transactional(async (em) => {
        await lockWorkspace(em, workspace.id);
        await assertEmailFreeInWorkspace(em, { workspaceId: workspace.id, email });
        await assertSeatsAvailable(em, workspace);
        const existing = await em.findOne(Profile, { email });
        const { token, hash } = generateOneTimeToken();
        const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
        const member = em.create(Member, {
          workspace: workspace.id,
          role: options.role,
          status: 'invited',
          source: 'invitation',
          name: existing?.name ?? email.slice(0, email.indexOf('@')),
          contactEmail: email,
          invitedBy: actor.profileId,
          invitationTokenHash: hash,
          invitationExpiresAt: expiresAt,
          invitationMessage: options.message ?? null,
          invitationSentAt: new Date(),
          invitationSendCount: 1,
        });
        addCompleteProfileTask(em, workspace, member);
        enqueueMail(em, {
          to: email,
          kind: 'invitation',
          locale: existing?.locale ?? actor.locale,
          params: { workspaceName: workspace.name, inviterName: inviter.name, message: options.message ?? null, link: portalLink(config, '/invitation', token), expiresAt },
        });
        recordAudit(em, actor, { workspaceId: workspace.id, action: 'member.invited', targetMemberId: member.id, details: { email, role: options.role } });
        await em.flush();
        return member.id;
      });
      results.push({ email, ok: true, memberId });
    } catch (error) {
      if (!isAppError(error)) throw error;
      results.push({ email, ok: false, appCode: error.code });
    }
  }
  if (results.length === 0) throw new AppError('INVALID_INPUT', { fields: { emails: 'required' } });
  return results;
}
