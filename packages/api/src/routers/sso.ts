import { createSsoConnection, findSsoChoices, listSsoConnections, listSsoEvents, readSamlMetadata, removeSsoConnection, testSsoConnection, updateSsoConnection, type SsoConnectionInput } from '@gatehouse/services';
import type { z } from 'zod';
import { proofOf } from '../proof.ts';
import { adminProcedure, publicProcedure, router } from '../trpc.ts';
import { CreateSsoConnectionInput, ReadSamlMetadataInput, SsoConnectionInput as ConnectionIdInput, SsoDiscoverInput, UpdateSsoConnectionInput, WorkspaceInput } from '../schemas.ts';

/** What both create and update send about a connection. */
type Fields = Omit<z.output<typeof CreateSsoConnectionInput>, 'workspace' | 'kind' | 'password' | 'code' | 'passkey'>;

const inputOf = (fields: Fields): SsoConnectionInput => ({
  name: fields.name,
  enabled: fields.enabled,
  defaultRole: fields.defaultRole,
  emailAttribute: fields.emailAttribute,
  nameAttribute: fields.nameAttribute,
  roleAttribute: fields.roleAttribute,
  roleMappings: fields.roleMappings,
  oidc: fields.oidc,
  saml: fields.saml,
});

/**
 * The workspace's single sign-on connections to its company directory, for
 * its admins; and, for anyone at the sign-in page, which directory an
 * address signs in through.
 */
export const ssoRouter = router({
  list: adminProcedure.input(WorkspaceInput).query(({ ctx }) => listSsoConnections({ em: ctx.em, config: ctx.config, membership: ctx.membership })),

  create: adminProcedure.input(CreateSsoConnectionInput).mutation(({ ctx, input }) =>
    createSsoConnection({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, kind: input.kind, proof: proofOf(input), input: inputOf(input) }),
  ),

  update: adminProcedure.input(UpdateSsoConnectionInput).mutation(({ ctx, input }) =>
    updateSsoConnection({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, connectionId: input.connectionId, proof: proofOf(input), input: inputOf(input) }),
  ),

  remove: adminProcedure.input(ConnectionIdInput).mutation(({ ctx, input }) =>
    removeSsoConnection({ em: ctx.em, config: ctx.config, actor: ctx.actor, membership: ctx.membership, connectionId: input.connectionId }),
  ),

  /** A SAML directory's metadata read into the connection form's values (entity id, sign-in URL, certificates); nothing is stored. */
  readMetadata: adminProcedure.input(ReadSamlMetadataInput).mutation(({ ctx, input }) => readSamlMetadata({ config: ctx.config, source: input.source })),

  /** Whether the directory answers as configured, before anyone depends on it. */
  test: adminProcedure.input(ConnectionIdInput).mutation(({ ctx, input }) => testSsoConnection({ em: ctx.em, config: ctx.config, membership: ctx.membership, connectionId: input.connectionId })),

  /** The connection's latest sign-ins and failures, each failure with its reason. */
  events: adminProcedure.input(ConnectionIdInput).query(({ ctx, input }) => listSsoEvents({ em: ctx.em, membership: ctx.membership, connectionId: input.connectionId })),

  discover: publicProcedure.input(SsoDiscoverInput).query(({ ctx, input }) => findSsoChoices({ em: ctx.em, config: ctx.config, email: input.email ?? null, workspaceSlug: input.workspace ?? null })),
});
