import { defineEntity, p } from '@mikro-orm/core';
import { APP_KINDS, MEMBER_ROLES, type MemberRole } from '@gatehouse/domain';
import { Profile } from './profile.ts';
import { Workspace } from './workspace.ts';

/**
 * An app of a workspace that signs its people in through Gatehouse (an
 * OpenID Connect client). Its id is the `client_id`; its secret is kept only
 * as a SHA-256 (it is a long random value, never a password), and the one it
 * replaced keeps working until `previousSecretExpiresAt`.
 */
export const WorkspaceAppSchema = defineEntity({
  name: 'WorkspaceApp',
  tableName: 'workspace_app',
  properties: {
    id: p.string().length(40).primary(),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    name: p.string().length(120),
    logoUrl: p.string().length(500).nullable(),
    kind: p.enum(APP_KINDS),
    redirectUris: p.json<string[]>().default('[]').onCreate(() => []),
    postLogoutRedirectUris: p.json<string[]>().default('[]').onCreate(() => []),
    backchannelLogoutUri: p.string().length(500).nullable(),
    /** Which members of the workspace may sign in to it. */
    allowedRoles: p.json<MemberRole[]>().default(JSON.stringify(MEMBER_ROLES)).onCreate(() => [...MEMBER_ROLES]),
    /** A first-party app: people are not asked to consent. */
    skipConsent: p.boolean().default(false),
    secretHash: p.string().length(64).nullable(),
    previousSecretHash: p.string().length(64).nullable(),
    previousSecretExpiresAt: p.datetime().nullable(),
    disabledAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(Profile).ref().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [{ name: 'workspace_app_workspace_idx', properties: ['workspace', 'name'] }],
});

export class WorkspaceApp extends WorkspaceAppSchema.class {}
WorkspaceAppSchema.setClass(WorkspaceApp);
