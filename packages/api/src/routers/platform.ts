import { proofOf } from '../proof.ts';
import {
  acceptCreatorRole,
  fileRecoveryRequest,
  getPendingRecoveryRequest,
  listPlatformWorkspaces,
  listRecoveryRequests,
  offerCreatorRole,
  refuseRecoveryRequest,
  releaseDomain,
  reviewRecoveryRequest,
  setWorkspacePlan,
} from '@gatehouse/services';
import { adminProcedure, router, staffProcedure, workspaceProcedure } from '../trpc.ts';
import { FileRecoveryInput, OfferCreatorInput, PlatformWorkspacesInput, RecoveryRequestsInput, ReleaseDomainInput, RefuseRecoveryInput, ReviewRecoveryInput, SetPlanInput, WorkspaceInput } from '../schemas.ts';

/** What platform staff do; staff are appointed outside the API (command line or environment). */
export const platformRouter = router({
  /** Every workspace with its plan, seats and last sign-in, searchable: staff pick one rather than type its address. */
  workspaces: staffProcedure
    .input(PlatformWorkspacesInput)
    .query(({ ctx, input }) =>
      listPlatformWorkspaces({ em: ctx.em, actor: ctx.actor, limit: input.limit, ...(input.search ? { search: input.search } : {}), ...(input.cursor ? { cursor: input.cursor } : {}) }),
    ),
  /** A verified domain taken back from the workspace holding it, so another may verify it (the holder's admins are mailed). */
  releaseDomain: staffProcedure.input(ReleaseDomainInput).mutation(({ ctx, input }) => releaseDomain({ em: ctx.em, config: ctx.config, actor: ctx.actor, domain: input.domain, reason: input.reason })),
  setPlan: staffProcedure.input(SetPlanInput).mutation(({ ctx, input }) => setWorkspacePlan({ em: ctx.em, actor: ctx.actor, slug: input.workspace, plan: input.plan })),
  recoveryRequests: staffProcedure.input(RecoveryRequestsInput).query(({ ctx, input }) => listRecoveryRequests({ em: ctx.em, actor: ctx.actor, ...(input?.status ? { status: input.status } : {}) })),
  reviewRecovery: staffProcedure
    .input(ReviewRecoveryInput)
    .mutation(({ ctx, input }) => reviewRecoveryRequest({ em: ctx.em, actor: ctx.actor, config: ctx.config, id: input.id, approve: input.approve, note: input.note ?? null })),
});

/** The creator role changes hands only when the other admin accepts; a workspace without admins asks the platform for one. */
export const stewardshipRouter = router({
  offerCreator: adminProcedure
    .input(OfferCreatorInput)
    .mutation(({ ctx, input }) =>
      offerCreatorRole({ em: ctx.em, actor: ctx.actor, config: ctx.config, membership: ctx.membership, memberId: input.memberId, proof: proofOf(input) }),
    ),
  acceptCreator: adminProcedure.input(WorkspaceInput).mutation(({ ctx }) => acceptCreatorRole({ em: ctx.em, actor: ctx.actor, membership: ctx.membership })),
  fileRecovery: workspaceProcedure.input(FileRecoveryInput).mutation(({ ctx, input }) =>
    fileRecoveryRequest({
      em: ctx.em,
      actor: ctx.actor,
      config: ctx.config,
      membership: ctx.membership,
      formerAdminName: input.formerAdminName,
      formerAdminLogin: input.formerAdminLogin,
      proposedMemberId: input.proposedMemberId,
      statement: input.statement,
      letter: { name: input.letter.name, bytes: new Uint8Array(Buffer.from(input.letter.base64, 'base64')) },
    }),
  ),
  /** The request for a new administrator waiting for this workspace, for its admins to see (and refuse while they may). */
  pendingRecovery: adminProcedure.input(WorkspaceInput).query(({ ctx }) => getPendingRecoveryRequest({ em: ctx.em, membership: ctx.membership })),
  refuseRecovery: adminProcedure
    .input(RefuseRecoveryInput)
    .mutation(({ ctx, input }) => refuseRecoveryRequest({ em: ctx.em, actor: ctx.actor, config: ctx.config, membership: ctx.membership, id: input.id, note: input.note ?? null })),
});
