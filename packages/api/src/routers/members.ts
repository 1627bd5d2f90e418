import {
  approveMember,
  countMembers,
  deleteMember,
  dismissMember,
  getMember,
  listMembers,
  rehireMember,
  rejectMember,
  resetMemberTwoFactor,
  setMemberRole,
  updateMember,
} from '@gatehouse/services';
import { adminProcedure, router, workspaceProcedure } from '../trpc.ts';
import { ListMembersFilter, MemberInput, ResetMemberTwoFactorInput, SetRoleInput, UpdateMemberInput, WorkspaceInput } from '../schemas.ts';

export const membersRouter = router({
  list: workspaceProcedure.input(ListMembersFilter).query(({ ctx, input }) =>
    listMembers({
      em: ctx.em,
      membership: ctx.membership,
      ...(input.status ? { status: input.status } : {}),
      ...(input.role ? { role: input.role } : {}),
      ...(input.search ? { search: input.search } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
      limit: input.limit,
    }),
  ),

  counts: adminProcedure.input(WorkspaceInput).query(({ ctx }) => countMembers({ em: ctx.em, membership: ctx.membership })),

  get: workspaceProcedure.input(MemberInput).query(({ ctx, input }) => getMember({ em: ctx.em, membership: ctx.membership, memberId: input.memberId })),

  /** Admins for anyone; a member for their own contact details. */
  update: workspaceProcedure.input(UpdateMemberInput).mutation(({ ctx, input }) =>
    updateMember({
      em: ctx.em,
      actor: ctx.actor,
      membership: ctx.membership,
      memberId: input.memberId,
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.contactEmail !== undefined ? { contactEmail: input.contactEmail } : {}),
      ...(input.mailboxEmail !== undefined ? { mailboxEmail: input.mailboxEmail } : {}),
    }),
  ),

  dismiss: adminProcedure.input(MemberInput).mutation(({ ctx, input }) => dismissMember({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId })),
  rehire: adminProcedure.input(MemberInput).mutation(({ ctx, input }) => rehireMember({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId })),
  delete: adminProcedure.input(MemberInput).mutation(({ ctx, input }) => deleteMember({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId })),
  setRole: adminProcedure
    .input(SetRoleInput)
    .mutation(({ ctx, input }) => setMemberRole({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId, role: input.role })),
  approve: adminProcedure
    .input(MemberInput)
    .mutation(({ ctx, input }) => approveMember({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId, config: ctx.config })),
  /** Turns the member's 2FA off, for good or until a date after which it is asked again. */
  resetTwoFactor: adminProcedure.input(ResetMemberTwoFactorInput).mutation(({ ctx, input }) =>
    resetMemberTwoFactor({
      em: ctx.em,
      actor: ctx.actor,
      config: ctx.config,
      membership: ctx.membership,
      memberId: input.memberId,
      until: input.until ? new Date(input.until) : null,
    }),
  ),
  reject: adminProcedure.input(MemberInput).mutation(({ ctx, input }) => rejectMember({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, memberId: input.memberId })),
});
