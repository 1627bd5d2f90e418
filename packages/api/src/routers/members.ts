import { proofOf } from '../proof.ts';
import {
  approveMember,
  countMembers,
  deleteMember,
  dismissMember,
  endMemberSessionsByAdmin,
  getMember,
  listMembers,
  rehireMember,
  rejectMember,
  resetMemberTwoFactor,
  setMemberRole,
  unlockMemberSignIn,
  updateMember,
} from '@gatehouse/services';
import { adminProcedure, keyOpenProcedure, router } from '../trpc.ts';
import { ListMembersFilter, MemberInput, SensitiveMemberInput, RehireInput, ResetMemberTwoFactorInput, SetRoleInput, UpdateMemberInput, WorkspaceInput } from '../schemas.ts';

/** Reading the directory is open to reader API keys; dismissal, rehiring and members' details to admin keys. */
const directoryRead = keyOpenProcedure({ people: 'member', keys: 'reader' });

export const membersRouter = router({
  list: directoryRead.input(ListMembersFilter).query(({ ctx, input }) =>
    listMembers({
      em: ctx.directoryOrm.em.fork(),
      membership: ctx.membership,
      ...(input.status ? { status: input.status } : {}),
      ...(input.role ? { role: input.role } : {}),
      ...(input.search ? { search: input.search } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
      limit: input.limit,
    }),
  ),

  counts: keyOpenProcedure({ people: 'admin', keys: 'reader' }).input(WorkspaceInput).query(({ ctx }) => countMembers({ em: ctx.em, membership: ctx.membership })),

  get: directoryRead.input(MemberInput).query(({ ctx, input }) => getMember({ em: ctx.em, membership: ctx.membership, memberId: input.memberId })),

  /** Admins for anyone; a member for their own contact details. */
  update: keyOpenProcedure({ people: 'member', keys: 'admin' }).input(UpdateMemberInput).mutation(({ ctx, input }) =>
    updateMember({
      em: ctx.em,
      actor: ctx.caller,
      membership: ctx.membership,
      memberId: input.memberId,
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.contactEmail !== undefined ? { contactEmail: input.contactEmail } : {}),
      ...(input.mailboxEmail !== undefined ? { mailboxEmail: input.mailboxEmail } : {}),
    }),
  ),

  dismiss: keyOpenProcedure({ people: 'admin', keys: 'admin' })
    .input(SensitiveMemberInput)
    .mutation(({ ctx, input }) => dismissMember({ em: ctx.em, config: ctx.config, actor: ctx.caller, membership: ctx.membership, memberId: input.memberId, proof: proofOf(input) })),
  /** Back from dismissal, with the role the admin chooses (by default the one they had). */
  rehire: keyOpenProcedure({ people: 'admin', keys: 'admin' })
    .input(RehireInput)
    .mutation(({ ctx, input }) => rehireMember({ em: ctx.em, actor: ctx.caller, membership: ctx.membership, memberId: input.memberId, role: input.role })),
  delete: adminProcedure.input(MemberInput).mutation(({ ctx, input }) => deleteMember({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId })),
  setRole: adminProcedure
    .input(SetRoleInput)
    .mutation(({ ctx, input }) =>
      setMemberRole({ em: ctx.em, actor: ctx.actor, config: ctx.config, membership: ctx.membership, memberId: input.memberId, role: input.role, proof: proofOf(input) }),
    ),
  /** Ends the member's sessions at this workspace; they sign in again. */
  endSessions: adminProcedure.input(MemberInput).mutation(({ ctx, input }) => endMemberSessionsByAdmin({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId })),
  /** Lifts a sign-in lockout of the member's login (failed passwords or codes counted against it). */
  unlockSignIn: adminProcedure
    .input(MemberInput)
    .mutation(({ ctx, input }) => unlockMemberSignIn({ em: ctx.em, actor: ctx.actor, config: ctx.config, membership: ctx.membership, memberId: input.memberId })),
  approve: adminProcedure
    .input(MemberInput)
    .mutation(({ ctx, input }) => approveMember({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId, config: ctx.config })),
  /** Turns the member's second step off for sign-ins at this workspace only, until a date or until set up again; confirmed by the admin's password or code. */
  resetTwoFactor: adminProcedure.input(ResetMemberTwoFactorInput).mutation(({ ctx, input }) =>
    resetMemberTwoFactor({
      em: ctx.em,
      actor: ctx.actor,
      config: ctx.config,
      membership: ctx.membership,
      memberId: input.memberId,
      until: input.until ? new Date(input.until) : null,
      proof: proofOf(input),
    }),
  ),
  reject: adminProcedure.input(MemberInput).mutation(({ ctx, input }) => rejectMember({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId })),
});
