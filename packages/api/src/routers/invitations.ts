import { acceptInvitation, previewInvitation, registerMember, resendInvitation, sendInvitationCode, sendInvitations } from '@gatehouse/services';
import { authedProcedure, keyOpenProcedure, publicProcedure, router, workspaceProcedure } from '../trpc.ts';
import { AcceptInvitationInput, InvitationTokenInput, MemberInput, RegisterMemberInput, SendInvitationsInput } from '../schemas.ts';
import { optionalActor } from '../actor.ts';
import { deliverSession } from '../session-delivery.ts';

/** Who may invite is the workspace's rule (admins, or everyone when allowed): checked by the use cases. */
export const invitationsRouter = router({
  /** Also by an admin API key (the mail names the workspace as the inviter). */
  send: keyOpenProcedure({ people: 'member', keys: 'admin' }).input(SendInvitationsInput).mutation(({ ctx, input }) =>
    sendInvitations({
      em: ctx.em,
      actor: ctx.caller,
      membership: ctx.membership,
      config: ctx.config,
      emails: input.emails,
      message: input.message ?? null,
      role: input.role,
    }),
  ),

  register: workspaceProcedure.input(RegisterMemberInput).mutation(({ ctx, input }) =>
    registerMember({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, config: ctx.config, name: input.name, email: input.email, position: input.position ?? null }),
  ),

  resend: workspaceProcedure
    .input(MemberInput)
    .mutation(({ ctx, input }) => resendInvitation({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, config: ctx.config, memberId: input.memberId })),

  preview: publicProcedure
    .input(InvitationTokenInput)
    .query(({ ctx, input }) => previewInvitation({ em: ctx.em, config: ctx.config, token: input.token, origin: ctx.origin, actor: optionalActor(ctx) })),

  /** For a signed-in profile whose login is not the invited address: a code to the invited mailbox, to give to `accept`. */
  sendCode: authedProcedure.input(InvitationTokenInput).mutation(({ ctx, input }) => sendInvitationCode({ em: ctx.em, config: ctx.config, token: input.token, actor: ctx.actor })),

  accept: publicProcedure.input(AcceptInvitationInput).mutation(async ({ ctx, input }) => {
    const accepted = await acceptInvitation({
      em: ctx.em,
      token: input.token,
      actor: optionalActor(ctx),
      ...(input.mailboxCode ? { mailboxCode: input.mailboxCode } : {}),
      ...(input.name ? { name: input.name } : {}),
      ...(input.password ? { password: input.password } : {}),
      locale: ctx.locale,
      config: ctx.config,
      origin: ctx.origin,
    });
    const { signedIn, ...answer } = accepted;
    if (signedIn) deliverSession(ctx, signedIn);
    return answer;
  }),
});
