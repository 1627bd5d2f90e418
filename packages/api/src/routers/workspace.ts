import { createWorkspace, getWorkspace, listTwoFactorPending, remindTwoFactor, securityPolicyView, updateSecurityPolicy, updateWorkspaceSettings } from '@gatehouse/services';
import { proofOf } from '../proof.ts';
import { adminProcedure, authedProcedure, router, workspaceProcedure } from '../trpc.ts';
import { CreateWorkspaceInput, RemindTwoFactorInput, TwoFactorPendingInput, UpdateSecurityPolicyInput, UpdateSettingsInput, WorkspaceInput } from '../schemas.ts';

export const workspaceRouter = router({
  create: authedProcedure
    .input(CreateWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace({ em: ctx.em, actor: ctx.actor, name: input.name, slug: input.slug })),

  get: workspaceProcedure.input(WorkspaceInput).query(({ ctx }) => getWorkspace({ em: ctx.em, membership: ctx.membership })),

  updateSettings: adminProcedure.input(UpdateSettingsInput).mutation(({ ctx, input }) =>
    updateWorkspaceSettings({
      em: ctx.em,
      actor: ctx.actor,
      membership: ctx.membership,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.slug !== undefined ? { slug: input.slug } : {}),
      ...(input.anyoneCanInvite !== undefined ? { anyoneCanInvite: input.anyoneCanInvite } : {}),
      ...(input.sessionIdleMinutes !== undefined ? { sessionIdleMinutes: input.sessionIdleMinutes } : {}),
      ...(input.auditRetentionDays !== undefined ? { auditRetentionDays: input.auditRetentionDays } : {}),
      config: ctx.config,
      proof: proofOf(input),
    }),
  ),

  /** The workspace's security policy: any member may read what applies to them. */
  securityPolicy: workspaceProcedure
    .input(WorkspaceInput)
    .query(({ ctx }) => securityPolicyView({ workspace: ctx.membership.workspace, member: ctx.membership.member, socialProviderIds: ctx.socialProviders.map((provider) => provider.id) })),

  updateSecurityPolicy: adminProcedure.input(UpdateSecurityPolicyInput).mutation(({ ctx, input }) => {
    const { workspace: _slug, password: _password, code: _code, passkey: _passkey, ...changes } = input;
    return updateSecurityPolicy({
      em: ctx.em,
      config: ctx.config,
      actor: ctx.actor,
      membership: ctx.membership,
      changes: Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
      socialProviderIds: ctx.socialProviders.map((provider) => provider.id),
      proof: proofOf(input),
    });
  }),

  /** Members the policy's second step still waits for, with their deadlines. */
  twoFactorPending: adminProcedure.input(TwoFactorPendingInput).query(({ ctx, input }) => listTwoFactorPending({ em: ctx.em, membership: ctx.membership, limit: input.limit, offset: input.offset })),

  remindTwoFactor: adminProcedure
    .input(RemindTwoFactorInput)
    .mutation(({ ctx, input }) => remindTwoFactor({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, ...(input.memberIds ? { memberIds: input.memberIds } : {}) })),
});
