import { LockMode, ref } from '@mikro-orm/core';
import { scimPatch, type ScimPatchOperation } from 'scim-patch';
import type { Workspace} from '@gatehouse/db';
import { escapeLike, Member, Profile, ScimGroupMember, scimGroupsOfMembers, scimUserPage, type EntityManager, type ScimUserRow } from '@gatehouse/db';
import type { FilterQuery } from '@mikro-orm/core';
import { AppError, DIRECTORY_DEFAULT_ROLE, fieldChanges, normalizeEmail, SCIM_MAX_PATCH_OPERATIONS } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { recordAudit } from '../audit/index.ts';
import { assertAddressAtVerifiedDomain } from '../domains/index.ts';
import { addCompleteProfileTask } from '../invitations/index.ts';
import { applyDismissal } from '../members/index.ts';
import { findEmailHolder, emailTaken } from '../profile/index.ts';
import { portalLink } from '../shared/config.ts';
import { assertSeatsAvailable } from '../workspace/index.ts';
import { scimAuditActor } from './scim-caller.ts';
import { scimChange } from './scim-change.ts';
import { listResponse, pagingOf, type ScimCall, type ScimListQuery } from './scim-context.ts';
import { SCHEMA } from './scim-documents.ts';
import { constantAttribute, dateAttribute, filterQuery, idAttribute, MATCH_ALL, textAttribute, type FilterAttributes } from './scim-filter.ts';
import { invalidValue, notFound, ScimProblem, uniqueness } from './scim-problem.ts';
import { loginEmailOf, readUserInput, type ScimUserInput } from './scim-user-input.ts';

/*
 * The directory's Users are the workspace's members who have a profile
 * (invitations not yet accepted are not people the directory knows). Their
 * login email is set once, when they arrive, and stays the person's own: the
 * directory renames, moves and removes them in this workspace only.
 * Removing (DELETE, or `active: false`) is dismissal: every record stays and
 * the seat is freed; after a DELETE the endpoint answers 404 for them, as
 * RFC 7644 §3.6 asks, until the directory creates them again.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function userNameQuery(op: Parameters<FilterAttributes[string]>[0], value: unknown): Record<string, unknown> {
  if (op === 'pr') return MATCH_ALL;
  if (op === 'ne') return { $not: userNameQuery('eq', value) };
  // The directory's own name for the person when it set one, else their login.
  return { $or: [textAttribute(['directoryUserName'])(op, value), { directoryUserName: null, ...textAttribute(['profile', 'email'])(op, value) }] };
}

const USER_ATTRIBUTES: FilterAttributes = {
  id: idAttribute,
  username: userNameQuery,
  externalid: textAttribute(['externalId'], { caseExact: true }),
  displayname: textAttribute(['name']),
  'name.formatted': textAttribute(['name']),
  'name.givenname': textAttribute(['givenName']),
  'name.familyname': textAttribute(['familyName']),
  title: textAttribute(['position']),
  emails: textAttribute(['contactEmail']),
  'emails.value': textAttribute(['contactEmail']),
  'emails.type': constantAttribute('work'),
  'emails.primary': constantAttribute(true),
  active: (op, value) => {
    if (op === 'pr') return MATCH_ALL;
    if ((op !== 'eq' && op !== 'ne') || typeof value !== 'boolean') throw new ScimProblem(400, 'active compares with eq or ne and true or false', 'invalidFilter');
    return (op === 'eq') === value ? { status: 'active' } : { status: { $ne: 'active' } };
  },
  'meta.created': dateAttribute('createdAt'),
  'meta.lastmodified': dateAttribute('updatedAt'),
};

/** Every member the directory may see in the caller's workspace. */
function visibleUsers(workspaceId: string): Record<string, unknown> {
  return { workspace: workspaceId, profile: { $ne: null }, directoryRemovedAt: null };
}

type GroupRef = { id: string; displayName: string };

/** The member as the directory sees them (the shape a page of Users is read in). */
function rowOf(member: Member): ScimUserRow {
  return {
    id: member.id,
    externalId: member.externalId ?? null,
    directoryUserName: member.directoryUserName ?? null,
    login: member.profile!.getEntity().email,
    name: member.name,
    givenName: member.givenName ?? null,
    familyName: member.familyName ?? null,
    position: member.position ?? null,
    status: member.status,
    contactEmail: member.contactEmail ?? null,
    createdAt: member.createdAt,
    updatedAt: member.updatedAt,
  };
}

/** The member as a SCIM User resource (RFC 7643 §4.1). */
export function userResource(member: ScimUserRow, groups: GroupRef[], base: string): Record<string, unknown> {
  return {
    schemas: [SCHEMA.user],
    id: member.id,
    ...(member.externalId ? { externalId: member.externalId } : {}),
    userName: member.directoryUserName ?? member.login,
    name: { formatted: member.name, ...(member.givenName ? { givenName: member.givenName } : {}), ...(member.familyName ? { familyName: member.familyName } : {}) },
    displayName: member.name,
    ...(member.position ? { title: member.position } : {}),
    active: member.status === 'active',
    emails: member.contactEmail ? [{ value: member.contactEmail, type: 'work', primary: true }] : [],
    groups: groups.map((group) => ({ value: group.id, display: group.displayName, $ref: `${base}/Groups/${group.id}` })),
    meta: { resourceType: 'User', created: member.createdAt.toISOString(), lastModified: member.updatedAt.toISOString(), location: `${base}/Users/${member.id}` },
  };
}

async function findUser(em: EntityManager, call: ScimCall, id: string, lock = false): Promise<Member> {
  const member = UUID.test(id) ? await em.findOne(Member, { id: id.toLowerCase(), ...visibleUsers(call.caller.workspaceId) }, { populate: ['profile'], ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) }) : null;
  if (!member) throw notFound('User', id);
  return member;
}

/** The member as a User resource, with their groups (`fresh`: just made, in none yet). */
async function resourceOf(em: EntityManager, call: ScimCall, member: Member, fresh = false): Promise<Record<string, unknown>> {
  const groups = fresh ? [] : ((await scimGroupsOfMembers(em, [member.id])).get(member.id) ?? []);
  return userResource(rowOf(member), groups, call.base);
}

export async function getScimUser(call: ScimCall, id: string): Promise<Record<string, unknown>> {
  return resourceOf(call.em, call, await findUser(call.em, call, id));
}

/** A page of Users, oldest first, matching the filter (`userName eq "…"` is how directories look a person up before creating them). */
export async function listScimUsers(call: ScimCall, query: ScimListQuery): Promise<Record<string, unknown>> {
  const where = { $and: [visibleUsers(call.caller.workspaceId), filterQuery(query.filter, USER_ATTRIBUTES)] } as FilterQuery<Member>;
  const paging = pagingOf(query);
  const page = paging.limit ? await scimUserPage(call.em, where, paging) : { rows: [], total: null };
  const total = page.total ?? (await call.em.count(Member, where));
  const groups = await scimGroupsOfMembers(call.em, page.rows.map((row) => row.id));
  return listResponse(page.rows.map((row) => userResource(row, groups.get(row.id) ?? [], call.base)), total, paging.startIndex);
}

/** The directory's names for the person are theirs alone in this workspace. */
async function assertDirectoryNamesFree(em: EntityManager, workspaceId: string, input: ScimUserInput, memberId: string | null): Promise<void> {
  const except = memberId ? { id: { $ne: memberId } } : {};
  const byUserName = await em.count(Member, { workspace: workspaceId, ...except, $or: [{ directoryUserName: { $ilike: escapeLike(input.userName) } }, { directoryUserName: null, profile: { email: normalizeEmail(input.userName) } }] });
  if (byUserName) throw uniqueness('Another user has this userName');
  if (input.externalId && (await em.count(Member, { workspace: workspaceId, externalId: input.externalId, ...except }))) throw uniqueness('Another user has this externalId');
}

/** The member's contact email: theirs alone in the workspace (the seeds' rule), else the change is refused. */
async function assertContactEmailFree(em: EntityManager, workspaceId: string, email: string, memberId: string | null): Promise<void> {
  const holder = await findEmailHolder(em, { email, workspaceId, ...(memberId ? { exceptMemberId: memberId } : {}) });
  if (holder) throw emailTaken(holder);
}

function applyAttributes(member: Member, input: ScimUserInput, login: string): void {
  member.directoryUserName = input.userName;
  member.externalId = input.externalId;
  member.givenName = input.givenName;
  member.familyName = input.familyName;
  member.name = input.displayName ?? (member.name || login.split('@')[0]!);
  member.position = input.title;
  member.contactEmail = input.email ?? login;
}

const AUDITED_FIELDS = ['name', 'contactEmail', 'position', 'externalId', 'directoryUserName'] as const;

/**
 * Active or not, as the directory says: a person switched off is dismissed
 * (never the last admin, never the creator, who hands the workspace over
 * first); switched on again, they are back with the role they had, seat
 * permitting.
 */
async function applyActive(em: EntityManager, call: ScimCall, workspace: Workspace, member: Member, active: boolean): Promise<void> {
  const actor = scimAuditActor(call.caller);
  const target = { workspaceId: workspace.id, targetMemberId: member.id, targetProfileId: member.profile?.id ?? null };
  if (!active && member.status === 'active') {
    if (member.profile?.id === workspace.creator.id) throw new AppError('CREATOR_PROTECTED');
    await applyDismissal(em, member);
    recordAudit(em, actor, { ...target, action: 'member.dismissed', details: { via: 'scim', scimToken: call.caller.token.name } });
  } else if (active && member.status === 'dismissed') {
    await assertSeatsAvailable(em, workspace);
    member.status = 'active';
    member.dismissedAt = null;
    recordAudit(em, actor, { ...target, action: 'member.rehired', details: { via: 'scim', scimToken: call.caller.token.name, role: member.role } });
  } else if (active && member.status === 'awaiting_approval') {
    // The directory vouches for a person who asked to join: the seat they hold becomes theirs.
    member.status = 'active';
    member.joinedAt = new Date();
    recordAudit(em, actor, { ...target, action: 'member.approved', details: { via: 'scim', scimToken: call.caller.token.name } });
  }
}

/** Tells a person who can sign in now that their company's directory brought them to this workspace. */
function mailArrival(em: EntityManager, call: ScimCall, workspace: Workspace, profile: Profile): void {
  enqueueMail(em, {
    to: profile.email,
    kind: 'directory_added',
    locale: profile.locale,
    params: { workspaceName: workspace.name, email: profile.email, link: portalLink(call.config, `/signin?workspace=${workspace.slug}`) },
  });
}

/**
 * POST /Users. The person's login is userName (or the primary email), at a
 * domain the workspace verified. A profile with that login is linked, else a
 * profile without a password is made (the person chooses one through "Forgot
 * your password?", or signs in through the workspace's single sign-on). An
 * invitation to that address becomes the membership; a person the directory
 * deleted before is brought back. Active people take a seat like anyone else.
 */
export async function createScimUser(call: ScimCall, body: unknown): Promise<Record<string, unknown>> {
  const input = readUserInput(body);
  const login = loginEmailOf(input);
  return scimChange(call, async (em, workspace) => {
    await assertAddressAtVerifiedDomain(em, workspace.id, login);
    let profile = await em.findOne(Profile, { email: login });
    let member = profile ? await em.findOne(Member, { workspace: workspace.id, profile }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
    if (member && !member.directoryRemovedAt) throw uniqueness('This person is already a member of the workspace: find them with filter=userName eq "…"');
    await assertDirectoryNamesFree(em, workspace.id, input, member?.id ?? null);
    const actor = scimAuditActor(call.caller);

    if (member) {
      // Deleted by the directory before, created again: the same member, records and role intact.
      member.directoryRemovedAt = null;
      applyAttributes(member, input, login);
      await assertContactEmailFree(em, workspace.id, member.contactEmail!, member.id);
      await applyActive(em, call, workspace, member, input.active);
      await em.flush();
      return resourceOf(em, call, member);
    }

    const invitation = await em.findOne(Member, { workspace: workspace.id, profile: null, status: 'invited', contactEmail: login }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    // An invitation already holds its seat; anyone else needs a free one to arrive active.
    if (input.active && !invitation) await assertSeatsAvailable(em, workspace);
    // Checked before anything is made: a query after would first write the new rows, then change them again.
    await assertContactEmailFree(em, workspace.id, input.email ?? login, invitation?.id ?? null);
    const created = !profile;
    profile ??= em.create(Profile, { email: login, name: input.displayName ?? login.split('@')[0]!, passwordHash: null, locale: input.locale ?? 'en', emailVerifiedAt: null });
    member =
      invitation ??
      em.create(Member, { workspace, profile, role: DIRECTORY_DEFAULT_ROLE, status: 'active', source: 'scim', name: profile.name, contactEmail: login });
    applyAttributes(member, input, login);
    Object.assign(member, {
      profile: ref(profile),
      source: 'scim',
      status: input.active ? 'active' : 'dismissed',
      joinedAt: new Date(),
      dismissedAt: input.active ? null : new Date(),
      invitationTokenHash: null,
      invitationExpiresAt: null,
      invitationProofHash: null,
      invitationProofProfileId: null,
      invitationProofExpiresAt: null,
    });
    if (!invitation) addCompleteProfileTask(em, workspace, member);
    if (input.active) mailArrival(em, call, workspace, profile);
    recordAudit(em, actor, {
      workspaceId: workspace.id,
      action: 'member.provisioned',
      targetMemberId: member.id,
      targetProfileId: profile.id,
      details: { email: login, active: input.active, newProfile: created, ...(invitation ? { fromInvitation: true } : {}), scimToken: call.caller.token.name },
    });
    await em.flush();
    return resourceOf(em, call, member, true);
  });
}

/** Applies a whole new state of the User (PUT, and PATCH once its operations are applied). */
async function replaceUser(em: EntityManager, call: ScimCall, workspace: Workspace, member: Member, input: ScimUserInput): Promise<Record<string, unknown>> {
  const profile = member.profile!.getEntity();
  await assertDirectoryNamesFree(em, workspace.id, input, member.id);
  const before = { name: member.name, contactEmail: member.contactEmail, position: member.position, externalId: member.externalId, directoryUserName: member.directoryUserName };
  applyAttributes(member, input, profile.email);
  if (member.contactEmail !== before.contactEmail) await assertContactEmailFree(em, workspace.id, member.contactEmail!, member.id);
  const changes = fieldChanges(before, member, AUDITED_FIELDS);
  if (Object.keys(changes).length) {
    recordAudit(em, scimAuditActor(call.caller), { workspaceId: workspace.id, action: 'member.updated', targetMemberId: member.id, targetProfileId: profile.id, details: { changes, via: 'scim', scimToken: call.caller.token.name } });
  }
  await applyActive(em, call, workspace, member, input.active);
  await em.flush();
  return resourceOf(em, call, member);
}

export async function replaceScimUser(call: ScimCall, id: string, body: unknown): Promise<Record<string, unknown>> {
  const input = readUserInput(body);
  return scimChange(call, async (em, workspace) => replaceUser(em, call, workspace, await findUser(em, call, id, true), input));
}

/** The operations of a PATCH body (RFC 7644 §3.5.2), checked before any is applied. */
export function patchOperations(body: unknown): ScimPatchOperation[] {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const operations = record.Operations ?? record.operations;
  if (!Array.isArray(record.schemas) || !record.schemas.includes(SCHEMA.patchOp)) throw invalidValue(`A PATCH body has the schema ${SCHEMA.patchOp}`);
  if (!Array.isArray(operations) || !operations.length) throw invalidValue('A PATCH body has a list of Operations');
  if (operations.length > SCIM_MAX_PATCH_OPERATIONS) throw new ScimProblem(413, `A PATCH has at most ${SCIM_MAX_PATCH_OPERATIONS} operations`, 'tooMany');
  return operations.map((operation: unknown) => {
    const op = typeof operation === 'object' && operation !== null ? (operation as Record<string, unknown>) : {};
    if (typeof op.op !== 'string' || !['add', 'replace', 'remove'].includes(op.op.toLowerCase())) throw invalidValue('Each operation is add, replace or remove');
    if (op.path !== undefined && typeof op.path !== 'string') throw new ScimProblem(400, 'An operation’s path is a string', 'invalidPath');
    return { ...op, op: op.op.toLowerCase() } as ScimPatchOperation;
  });
}

/** The operations applied to a resource, by scim-patch; its refusals become SCIM errors. */
export function applyPatch<T extends Record<string, unknown>>(resource: T, operations: ScimPatchOperation[]): T {
  try {
    return scimPatch(resource as never, operations, { mutateDocument: false, treatMissingAsAdd: true }) as T;
  } catch (error) {
    const message = error instanceof Error ? error.message : 'The patch could not be applied';
    throw new ScimProblem(400, message.slice(0, 300), /path/i.test(message) ? 'invalidPath' : /target/i.test(message) ? 'noTarget' : 'invalidValue');
  }
}

/** PATCH /Users/{id}: the operations applied to the User as it is, then the result applied like a PUT. */
export async function patchScimUser(call: ScimCall, id: string, body: unknown): Promise<Record<string, unknown>> {
  const operations = patchOperations(body);
  return scimChange(call, async (em, workspace) => {
    const member = await findUser(em, call, id, true);
    const current = await resourceOf(em, call, member);
    const patched = applyPatch(current, operations);
    return replaceUser(em, call, workspace, member, readUserInput(patched));
  });
}

/** DELETE /Users/{id}: dismissal (records kept, seat freed), out of the directory's groups, and 404 from now on. */
export async function deleteScimUser(call: ScimCall, id: string): Promise<void> {
  await scimChange(call, async (em, workspace) => {
    const member = await findUser(em, call, id, true);
    await applyActive(em, call, workspace, member, false);
    member.directoryRemovedAt = new Date();
    member.directoryUserName = null;
    member.externalId = null;
    await em.nativeDelete(ScimGroupMember, { member: member.id });
    await em.flush();
  });
}
