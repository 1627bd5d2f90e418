import { addDomain, listDomains, removeDomain, updateDomain, verifyDomain } from '@gatehouse/services';
import { adminProcedure, router } from '../trpc.ts';
import { AddDomainInput, DomainInput, UpdateDomainInput, WorkspaceInput } from '../schemas.ts';

/** The workspace's email domains: claimed, proven by a DNS TXT record, given a join mode, removed. */
export const domainsRouter = router({
  list: adminProcedure.input(WorkspaceInput).query(({ ctx }) => listDomains({ em: ctx.em, membership: ctx.membership })),

  add: adminProcedure.input(AddDomainInput).mutation(({ ctx, input }) => addDomain({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, domain: input.domain })),

  verify: adminProcedure.input(DomainInput).mutation(({ ctx, input }) => verifyDomain({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, domainId: input.domainId })),

  update: adminProcedure.input(UpdateDomainInput).mutation(({ ctx, input }) => updateDomain({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, domainId: input.domainId, joinMode: input.joinMode })),

  remove: adminProcedure.input(DomainInput).mutation(({ ctx, input }) => removeDomain({ em: ctx.em, actor: ctx.actor, membership: ctx.membership, domainId: input.domainId })),
});
