import { derivedSecret, generateDigitCode } from '@gatehouse/auth';
import { Profile, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { addressKey, type Actor } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { findInvitation, codePurpose } from './find-invitation.ts';

/**
 * Mails a code to the invited address, for a signed-in profile whose login is
 * another address: whoever holds the link must also read that mailbox now, so
 * a forwarded or leaked invitation is worth nothing to anyone else.
 */
export async function sendInvitationCode(options: { em: EntityManager; config: ServiceConfig; token: string; actor: Actor }): Promise<{ sentTo: string; expiresAt: string }> {
  const { config, actor } = options;
  await config.limits.consume('tokenAddress', addressKey(actor.origin));
  return options.em.transactional(async (em) => {
    const member = await findInvitation(em, options.token, { lock: true });
    const profile = await em.findOneOrFail(Profile, { id: actor.profileId });
    const invited = member.contactEmail!;
    if (profile.email === invited) throw new AppError('INVALID_INPUT', { fields: { token: 'invalid' } });
    await config.limits.consume('invitationCodeMail', member.id);
    const code = generateDigitCode();
    const expiresAt = new Date(Date.now() + config.lifetimes.invitationCodeMs);
    member.invitationProofHash = derivedSecret(config.appSecret, codePurpose(member.id, profile.id, code));
    member.invitationProofProfileId = profile.id;
    member.invitationProofExpiresAt = expiresAt;
    member.invitationProofAttempts = 0;
    const workspace = member.workspace.getEntity();
    enqueueMail(em, { to: invited, kind: 'invitation_code', locale: profile.locale, params: { workspaceName: workspace.name, profileEmail: profile.email, code, expiresAt } });
    recordAudit(em, actor, { workspaceId: workspace.id, action: 'member.invitation_code_sent', targetMemberId: member.id, targetProfileId: profile.id });
    await em.flush();
    return { sentTo: invited, expiresAt: expiresAt.toISOString() };
  });
}
