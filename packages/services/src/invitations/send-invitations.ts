import { generateOneTimeToken, RateLimitRefusal } from '@gatehouse/auth';
import { Member, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, isAppError, isPlausibleEmail, normalizeEmail, type AppCode, type MemberRole } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { callerKey, type Caller } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { emailTaken, findEmailHolder } from '../profile/index.ts';
import { addCompleteProfileTask, assertMayInvite, countInvitationMail } from './invitation-rules.ts';
import { type WorkspaceScope } from '../members/index.ts';
import { assertKeyMayChange } from '../api-keys/index.ts';
import { assertSeatsAvailable, lockWorkspace } from '../workspace/index.ts';

export interface SendInvitationsOptions {
  em: EntityManager;
  /** A member, or an API key with the admin role. */
  actor: Caller;
  membership: WorkspaceScope;
  config: ServiceConfig;
  emails: string[];
  message?: string | null;
  role: MemberRole;
}

export interface InvitationResult {
  email: string;
  ok: boolean;
  /** The new invitation; or, with MEMBER_DISMISSED, the dismissed member to rehire instead. */
  memberId?: string;
  appCode?: AppCode;
  /** With RATE_LIMITED: when more invitations may be sent. */
  retryAfterSeconds?: number;
}


/**
 * Email invitations, one result per address: each address is its own
 * transaction under the workspace lock, so a full plan or a taken address
 * stops that address only, and parallel calls can never overfill the seats.
 * A dismissed member's address answers MEMBER_DISMISSED with that member, to
 * rehire (with the role the admin chooses) rather than invite twice.
 */
export async function sendInvitations(options: SendInvitationsOptions): Promise<InvitationResult[]> {
  const { actor, membership, config } = options;
  const { workspace, access: inviter } = membership;
  assertMayInvite(inviter, workspace, options.role);
  // The mail names who invited: the member, or for a key the workspace itself.
  const inviterName = membership.member?.name ?? workspace.name;

  const seen = new Set<string>();
  const results: InvitationResult[] = [];
  /** Once the mail limit refuses, the rest of the list is refused too, with the same wait. */
  let limited: number | null = null;
  for (const raw of options.emails) {
    const email = normalizeEmail(raw);
    if (!isPlausibleEmail(email)) {
      results.push({ email, ok: false, appCode: 'INVALID_INPUT' });
      continue;
    }
    if (seen.has(email)) continue;
    seen.add(email);
    if (limited) {
      results.push({ email, ok: false, appCode: 'RATE_LIMITED', retryAfterSeconds: limited });
      continue;
    }
    try {
      const outcome = await options.em.fork().transactional(async (em): Promise<{ memberId: string } | { dismissedMemberId: string }> => {
        await lockWorkspace(em, workspace.id);
        if (actor.apiKey) await assertKeyMayChange(em, actor);
        const holder = await findEmailHolder(em, { email, workspaceId: workspace.id });
        if (holder?.scope === 'workspace' && holder.member.status === 'dismissed') return { dismissedMemberId: holder.member.id };
        if (holder) throw emailTaken(holder);
        await assertSeatsAvailable(em, workspace);
        await countInvitationMail(config, { inviter: callerKey(actor), workspaceId: workspace.id });
        const existing = await em.findOne(Profile, { email });
        const { token, hash } = generateOneTimeToken();
        const expiresAt = new Date(Date.now() + config.lifetimes.invitationMs);
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
          params: { workspaceName: workspace.name, inviterName, message: options.message ?? null, link: portalLink(config, '/invitation', token), expiresAt },
        });
        recordAudit(em, actor, { workspaceId: workspace.id, action: 'member.invited', targetMemberId: member.id, details: { email, role: options.role } });
        await em.flush();
        return { memberId: member.id };
      });
      results.push('memberId' in outcome ? { email, ok: true, memberId: outcome.memberId } : { email, ok: false, appCode: 'MEMBER_DISMISSED', memberId: outcome.dismissedMemberId });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error instanceof RateLimitRefusal) limited = error.params.retryAfterSeconds ?? 60;
      results.push({ email, ok: false, appCode: error.code, ...(limited ? { retryAfterSeconds: limited } : {}) });
    }
  }
  if (results.length === 0) throw new AppError('INVALID_INPUT', { fields: { emails: 'required' } });
  return results;
}
