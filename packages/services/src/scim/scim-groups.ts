import { LockMode } from '@mikro-orm/core';
import type { ScimPatchOperation } from 'scim-patch';
import { escapeLike, Member, ScimGroup, ScimGroupMember, type EntityManager, type Workspace } from '@gatehouse/db';
import { hasForbiddenCharacters, SCIM_ATTRIBUTE_MAX_LENGTH, SCIM_MAX_GROUP_MEMBERS } from '@gatehouse/domain';
import { recordAudit } from '../audit/index.ts';
import { scimAuditActor } from './scim-caller.ts';
import { scimChange } from './scim-change.ts';
import { excludes, listResponse, pageWithTotal, pagingOf, type ScimCall, type ScimListQuery } from './scim-context.ts';
import { SCHEMA } from './scim-documents.ts';
import { dateAttribute, filterQuery, idAttribute, MATCH_NONE, textAttribute, type FilterAttributes } from './scim-filter.ts';
import { invalidValue, notFound, uniqueness } from './scim-problem.ts';
import { applyPatch, patchOperations } from './scim-users.ts';
import { syncGroupRoles } from './group-roles.ts';

/*
 * The directory's Groups mirror its groups of people. They matter to the
 * workspace when an admin maps one to a role (in the console): members then
 * get the highest role of their mapped groups, kept in step with every
 * change of a group's members.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const membersQuery: FilterAttributes[string] = (op, value) => {
  if (op === 'pr') return { members: { $ne: null } };
  if (op !== 'eq' || typeof value !== 'string') return MATCH_NONE;
  return UUID.test(value) ? { members: { member: value.toLowerCase() } } : MATCH_NONE;
};

const GROUP_ATTRIBUTES: FilterAttributes = {
  id: idAttribute,
  displayname: textAttribute(['displayName']),
  externalid: textAttribute(['externalId'], { caseExact: true }),
  members: membersQuery,
  'members.value': membersQuery,
  'meta.created': dateAttribute('createdAt'),
  'meta.lastmodified': dateAttribute('updatedAt'),
};

interface GroupInput {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
}

function readGroupInput(body: unknown): GroupInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidValue('The body must be a JSON object');
  const record = body as Record<string, unknown>;
  const displayName = typeof record.displayName === 'string' ? record.displayName.trim() : '';
  if (!displayName) throw invalidValue('displayName is required');
  if (displayName.length > SCIM_ATTRIBUTE_MAX_LENGTH || hasForbiddenCharacters(displayName)) throw invalidValue(`displayName has at most ${SCIM_ATTRIBUTE_MAX_LENGTH} characters, none of them control characters`);
  const externalId = record.externalId === undefined || record.externalId === null ? null : typeof record.externalId === 'string' ? record.externalId.trim() || null : null;
  if (externalId && externalId.length > SCIM_ATTRIBUTE_MAX_LENGTH) throw invalidValue(`externalId has at most ${SCIM_ATTRIBUTE_MAX_LENGTH} characters`);
  const members = record.members ?? [];
  if (!Array.isArray(members)) throw invalidValue('members must be a list of { value }');
  if (members.length > SCIM_MAX_GROUP_MEMBERS) throw invalidValue(`A group has at most ${SCIM_MAX_GROUP_MEMBERS} members`);
  const memberIds = members.map((entry: unknown) => {
    const value = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).value : undefined;
    if (typeof value !== 'string' || !UUID.test(value)) throw invalidValue('Each member is { "value": "<a User id>" }');
    return value.toLowerCase();
  });
  return { displayName, externalId, memberIds: [...new Set(memberIds)] };
}

/** The group's member ids, in the order they joined it. */
async function memberIdsOf(em: EntityManager, groupIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = groupIds.length ? await em.find(ScimGroupMember, { group: { $in: groupIds } }, { populate: ['member'], fields: ['group', 'member.id', 'member.name'] }) : [];
  const byGroup = new Map<string, { id: string; name: string }[]>();
  for (const row of rows) byGroup.set(row.group.id, [...(byGroup.get(row.group.id) ?? []), { id: row.member.id, name: row.member.getEntity().name }]);
  return byGroup;
}

function groupResource(group: ScimGroup, members: { id: string; name: string }[] | null, base: string): Record<string, unknown> {
  return {
    schemas: [SCHEMA.group],
    id: group.id,
    displayName: group.displayName,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    ...(members ? { members: members.map((member) => ({ value: member.id, display: member.name, $ref: `${base}/Users/${member.id}` })) } : {}),
    meta: { resourceType: 'Group', created: group.createdAt.toISOString(), lastModified: group.updatedAt.toISOString(), location: `${base}/Groups/${group.id}` },
  };
}

async function findGroup(em: EntityManager, call: ScimCall, id: string, lock = false): Promise<ScimGroup> {
  const group = UUID.test(id) ? await em.findOne(ScimGroup, { id: id.toLowerCase(), workspace: call.caller.workspaceId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) : null;
  if (!group) throw notFound('Group', id);
  return group;
}

async function resourceOf(em: EntityManager, call: ScimCall, group: ScimGroup, withMembers = true): Promise<Record<string, unknown>> {
  return groupResource(group, withMembers ? ((await memberIdsOf(em, [group.id])).get(group.id) ?? []) : null, call.base);
}

export async function getScimGroup(call: ScimCall, id: string, query: ScimListQuery = {}): Promise<Record<string, unknown>> {
  return resourceOf(call.em, call, await findGroup(call.em, call, id), !excludes(query, 'members'));
}

export async function listScimGroups(call: ScimCall, query: ScimListQuery): Promise<Record<string, unknown>> {
  const where = { $and: [{ workspace: call.caller.workspaceId }, filterQuery(query.filter, GROUP_ATTRIBUTES)] };
  const paging = pagingOf(query);
  const { items: groups, total } = await pageWithTotal(
    paging,
    () => call.em.find(ScimGroup, where, { orderBy: { createdAt: 'asc', id: 'asc' }, offset: paging.offset, limit: paging.limit }),
    () => call.em.count(ScimGroup, where),
  );
  const members = excludes(query, 'members') ? null : await memberIdsOf(call.em, groups.map((group) => group.id));
  return listResponse(groups.map((group) => groupResource(group, members ? (members.get(group.id) ?? []) : null, call.base)), total, paging.startIndex);
}

async function assertNamesFree(em: EntityManager, workspaceId: string, input: GroupInput, groupId: string | null): Promise<void> {
  const except = groupId ? { id: { $ne: groupId } } : {};
  const groups = await em.find(ScimGroup, { workspace: workspaceId, ...except, $or: [{ displayName: { $ilike: escapeLike(input.displayName) } }, ...(input.externalId ? [{ externalId: input.externalId }] : [])] }, { limit: 1 });
  if (groups.length) throw uniqueness('Another group has this displayName or externalId');
}

/** Sets the group's members to exactly these (each one a User of this workspace) and keeps the roles of those who came or went in step. */
async function setMembers(em: EntityManager, call: ScimCall, workspace: Workspace, group: ScimGroup, memberIds: string[]): Promise<{ added: number; removed: number }> {
  if (memberIds.length > SCIM_MAX_GROUP_MEMBERS) throw invalidValue(`A group has at most ${SCIM_MAX_GROUP_MEMBERS} members`);
  const known = memberIds.length ? await em.find(Member, { id: { $in: memberIds }, workspace: workspace.id, profile: { $ne: null }, directoryRemovedAt: null }, { fields: ['id'] }) : [];
  if (known.length !== memberIds.length) throw invalidValue('Every member must be a User of this workspace');
  const current = new Set((await em.find(ScimGroupMember, { group: group.id }, { fields: ['member'] })).map((row) => row.member.id));
  const wanted = new Set(memberIds);
  const added = memberIds.filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !wanted.has(id));
  if (removed.length) await em.nativeDelete(ScimGroupMember, { group: group.id, member: { $in: removed } });
  for (const id of added) em.create(ScimGroupMember, { group, member: em.getReference(Member, id) });
  await em.flush();
  if (group.role) await syncGroupRoles(em, { workspace, memberIds: [...added, ...removed], actor: scimAuditActor(call.caller), details: { via: 'scim', group: group.displayName } });
  return { added: added.length, removed: removed.length };
}

function auditGroup(em: EntityManager, call: ScimCall, workspace: Workspace, action: 'scim_group.created' | 'scim_group.updated' | 'scim_group.removed', group: ScimGroup, details: Record<string, unknown> = {}): void {
  recordAudit(em, scimAuditActor(call.caller), { workspaceId: workspace.id, action, details: { groupId: group.id, name: group.displayName, scimToken: call.caller.token.name, ...details } });
}

export async function createScimGroup(call: ScimCall, body: unknown): Promise<Record<string, unknown>> {
  const input = readGroupInput(body);
  return scimChange(call, async (em, workspace) => {
    await assertNamesFree(em, workspace.id, input, null);
    const group = em.create(ScimGroup, { workspace, displayName: input.displayName, externalId: input.externalId, role: null });
    await em.flush();
    const { added } = await setMembers(em, call, workspace, group, input.memberIds);
    auditGroup(em, call, workspace, 'scim_group.created', group, { members: added });
    await em.flush();
    return resourceOf(em, call, group);
  });
}

async function replaceGroup(em: EntityManager, call: ScimCall, workspace: Workspace, group: ScimGroup, input: GroupInput): Promise<Record<string, unknown>> {
  await assertNamesFree(em, workspace.id, input, group.id);
  const renamed = group.displayName !== input.displayName ? { from: group.displayName, to: input.displayName } : null;
  group.displayName = input.displayName;
  group.externalId = input.externalId;
  const { added, removed } = await setMembers(em, call, workspace, group, input.memberIds);
  if (renamed || added || removed) {
    // Member changes alone still touch the group, so its lastModified says something changed.
    group.updatedAt = new Date();
    auditGroup(em, call, workspace, 'scim_group.updated', group, { added, removed, ...(renamed ? { renamed } : {}) });
  }
  await em.flush();
  return resourceOf(em, call, group);
}

export async function replaceScimGroup(call: ScimCall, id: string, body: unknown): Promise<Record<string, unknown>> {
  const input = readGroupInput(body);
  return scimChange(call, async (em, workspace) => replaceGroup(em, call, workspace, await findGroup(em, call, id, true), input));
}

/**
 * Entra removes members as `{ op: Remove, path: members, value: [{ value: id }] }`;
 * RFC 7644 §3.5.2.2 names the members to remove in the path instead. Each
 * such removal becomes the filtered path it means.
 */
function removalByValue(operation: ScimPatchOperation): ScimPatchOperation[] {
  if (operation.op !== 'remove' || operation.path?.toLowerCase() !== 'members' || !Array.isArray(operation.value)) return [operation];
  return operation.value.map((entry: unknown) => {
    const value = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).value : undefined;
    if (typeof value !== 'string' || !UUID.test(value)) throw invalidValue('Each member to remove is { "value": "<a User id>" }');
    return { op: 'remove', path: `members[value eq "${value.toLowerCase()}"]` } as ScimPatchOperation;
  });
}

/** PATCH /Groups/{id}: Entra and Okta add and remove members this way, a few at a time. */
export async function patchScimGroup(call: ScimCall, id: string, body: unknown): Promise<Record<string, unknown>> {
  const operations = patchOperations(body).flatMap(removalByValue);
  return scimChange(call, async (em, workspace) => {
    const group = await findGroup(em, call, id, true);
    const patched = applyPatch(await resourceOf(em, call, group), operations);
    return replaceGroup(em, call, workspace, group, readGroupInput(patched));
  });
}

/** DELETE /Groups/{id}: the group goes; its members stay, and those whose role came from it get the role of the groups they are left in. */
export async function deleteScimGroup(call: ScimCall, id: string): Promise<void> {
  await scimChange(call, async (em, workspace) => {
    const group = await findGroup(em, call, id, true);
    const memberIds = [...((await memberIdsOf(em, [group.id])).get(group.id) ?? [])].map((member) => member.id);
    auditGroup(em, call, workspace, 'scim_group.removed', group, { members: memberIds.length });
    const hadRole = group.role !== null;
    await em.nativeDelete(ScimGroupMember, { group: group.id });
    em.remove(group);
    await em.flush();
    if (hadRole) await syncGroupRoles(em, { workspace, memberIds, actor: scimAuditActor(call.caller), details: { via: 'scim', group: group.displayName } });
    await em.flush();
  });
}
