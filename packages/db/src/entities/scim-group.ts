import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { MEMBER_ROLES } from '@gatehouse/domain';
import { Member } from './member.ts';
import { Workspace } from './workspace.ts';

/**
 * A group the company's directory pushed over SCIM. An admin may map it to a
 * workspace role: a provisioned member's role is then the highest role of
 * their mapped groups. Unmapped groups only mirror the directory.
 */
export const ScimGroupSchema = defineEntity({
  name: 'ScimGroup',
  tableName: 'scim_group',
  properties: {
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workspace: () => p.manyToOne(Workspace).ref().deleteRule('cascade'),
    displayName: p.string().length(200),
    externalId: p.string().length(200).nullable(),
    role: p.enum(MEMBER_ROLES).nullable(),
    /** Its rows in scim_group_member (for filters such as `members[value eq "…"]`). */
    members: () => p.oneToMany(ScimGroupMember).mappedBy('group'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [
    { name: 'scim_group_name_unique', expression: 'create unique index "scim_group_name_unique" on "scim_group" ("workspace_id", lower("display_name"))' },
    { name: 'scim_group_external_unique', expression: 'create unique index "scim_group_external_unique" on "scim_group" ("workspace_id", "external_id") where "external_id" is not null' },
  ],
});

export class ScimGroup extends ScimGroupSchema.class {}
ScimGroupSchema.setClass(ScimGroup);

/** One member in one directory group. */
export const ScimGroupMemberSchema = defineEntity({
  name: 'ScimGroupMember',
  tableName: 'scim_group_member',
  properties: {
    group: () => p.manyToOne(ScimGroup).ref().primary().deleteRule('cascade'),
    member: () => p.manyToOne(Member).ref().primary().deleteRule('cascade'),
  },
  indexes: [{ name: 'scim_group_member_member_idx', properties: ['member'] }],
});

export class ScimGroupMember extends ScimGroupMemberSchema.class {}
ScimGroupMemberSchema.setClass(ScimGroupMember);
