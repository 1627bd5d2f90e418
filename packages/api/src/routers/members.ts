import { getMember, listMembers } from '@gatehouse/services';
import { router, workspaceProcedure } from '../trpc.ts';
import { ListMembersInput, MemberInput } from '../schemas.ts';

export const membersRouter = router({
  list: workspaceProcedure.input(ListMembersInput).query(({ ctx, input }) =>
    listMembers({
      em: ctx.em,
      actor: ctx.actor,
      slug: input.workspace,
      ...(input.status ? { status: input.status } : {}),
      ...(input.search ? { search: input.search } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
      limit: input.limit,
    }),
  ),

  get: workspaceProcedure
    .input(MemberInput)
    .query(({ ctx, input }) => getMember({ em: ctx.em, actor: ctx.actor, slug: input.workspace, memberId: input.memberId })),
});
