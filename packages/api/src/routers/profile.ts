import { z } from 'zod';
import { proofOf } from '../proof.ts';
import { changePassword, confirmEmailChange, deleteProfile, getProfile, requestMyDataExport, requestSecurityHistoryExport, listGrantedApps, listMySecurityEvents, joinByDomain, listMyWorkspaces, requestEmailChange, revokeGrantedApp, suggestedWorkspaces, updateProfile } from '@gatehouse/services';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import { rotateBrowserSession } from '../session-delivery.ts';
import { AppId, ChangePasswordInput, DeleteProfileInput, SecurityHistoryExportInput, RequestEmailChangeInput, SecurityEventsInput, UpdateProfileInput, VerifyEmailInput, WorkspaceInput } from '../schemas.ts';

export const profileRouter = router({
  get: authedProcedure.meta({ allowedBeforePasswordChange: true, allowedDuringTwoFactorSetup: true }).query(({ ctx }) => getProfile({ em: ctx.em, actor: ctx.actor })),

  update: authedProcedure.input(UpdateProfileInput).mutation(({ ctx, input }) => updateProfile({ em: ctx.em, actor: ctx.actor, ...input })),

  /** Also the way out of PASSWORD_CHANGE_REQUIRED after a generated password. */
  changePassword: authedProcedure
    .meta({ allowedBeforePasswordChange: true })
    .input(ChangePasswordInput)
    .mutation(async ({ ctx, input }) => {
      const result = await changePassword({ em: ctx.em, actor: ctx.actor, config: ctx.config, currentPassword: input.currentPassword, password: input.password });
      await rotateBrowserSession(ctx);
      return result;
    }),

  requestEmailChange: authedProcedure
    .input(RequestEmailChangeInput)
    .mutation(({ ctx, input }) => requestEmailChange({ em: ctx.em, actor: ctx.actor, config: ctx.config, newEmail: input.newEmail, proof: proofOf(input) })),

  /** From the link mailed to the new address; no session needed. */
  confirmEmailChange: publicProcedure.input(VerifyEmailInput).mutation(({ ctx, input }) => confirmEmailChange({ em: ctx.em, config: ctx.config, token: input.token, origin: ctx.origin })),

  securityEvents: authedProcedure.input(SecurityEventsInput).query(({ ctx, input }) => listMySecurityEvents({ em: ctx.em, actor: ctx.actor, limit: input?.limit ?? 50 })),

  /** A link, valid five minutes, to the person's security history (all of it, or between `from` and `to`) as CSV or NDJSON. */
  exportSecurityHistory: authedProcedure.input(SecurityHistoryExportInput).mutation(({ ctx, input }) => requestSecurityHistoryExport({ em: ctx.em, config: ctx.config, actor: ctx.actor, format: input.format, ...(input.from ? { from: input.from } : {}), ...(input.to ? { to: input.to } : {}) })),

  /** "Download my data": a link, valid five minutes, to one JSON file of everything Gatehouse holds about the person (never a secret). */
  exportData: authedProcedure.mutation(({ ctx }) => requestMyDataExport({ em: ctx.em, config: ctx.config, actor: ctx.actor })),

  /** Leaving Gatehouse: the profile goes, every workspace keeps its dismissed member record. This session ends with it. */
  delete: authedProcedure.input(DeleteProfileInput).mutation(async ({ ctx, input }) => {
    const result = await deleteProfile({ em: ctx.em, config: ctx.config, actor: ctx.actor, proof: proofOf(input) });
    if (ctx.authVia === 'cookie') ctx.sessionCookie.clearSite();
    return result;
  }),

  workspaces: authedProcedure.query(({ ctx }) => listMyWorkspaces({ em: ctx.em, actor: ctx.actor })),

  /** Workspaces that verified the domain of the person's confirmed login email and welcome people from it. */
  suggestedWorkspaces: authedProcedure.query(({ ctx }) => suggestedWorkspaces({ em: ctx.em, actor: ctx.actor })),

  /** Joins one of those: at once, or as a request an admin approves. */
  joinSuggestedWorkspace: authedProcedure.input(WorkspaceInput).mutation(({ ctx, input }) => joinByDomain({ em: ctx.em, actor: ctx.actor, workspaceSlug: input.workspace })),

  /** The workspaces' apps the person gave access to through Gatehouse. */
  apps: authedProcedure.query(({ ctx }) => listGrantedApps({ em: ctx.em, actor: ctx.actor })),

  revokeApp: authedProcedure.input(z.strictObject({ appId: AppId })).mutation(async ({ ctx, input }) => {
    await revokeGrantedApp({ em: ctx.em, actor: ctx.actor, appId: input.appId });
    return { revoked: true };
  }),
});
