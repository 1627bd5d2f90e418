import { LockMode, ref } from '@mikro-orm/core';
import { Identity, Member, Profile, SsoConnection, SsoEvent, Workspace, type EntityManager } from '@gatehouse/db';
import { isPlausibleEmail, normalizeEmail, roleFromAttribute, SSO_EVENTS_KEPT, SSO_WAY_IN_PREFIX, withoutForbiddenCharacters, type Locale, type WayIn } from '@gatehouse/domain';
import type { RequestOrigin } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { recordAudit } from '../audit/index.ts';
import { assertAddressAtVerifiedDomain } from '../domains/index.ts';
import { admitJoiner } from '../join-link/index.ts';
import { afterFirstFactor, type SignInResult } from '../sign-in/index.ts';
import { assertSeatsAvailable, lockWorkspace } from '../workspace/index.ts';
import { SsoFailure } from './sso-failure.ts';

/** Who the directory says signed in, read through the connection's attribute mapping. */
export interface DirectoryPerson {
  /** The directory's stable id for the person (OIDC `sub`, SAML NameID). */
  subject: string;
  email: string | null;
  name: string | null;
  /** The values of the role attribute (groups), for the role mapping. */
  roleValues: string[];
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string').slice(0, 500);
  return [];
}

/** The person in an OIDC connection's claims: `email` and `name` unless the connection names other claims. */
export function personFromClaims(connection: Pick<SsoConnection, 'emailAttribute' | 'nameAttribute' | 'roleAttribute'>, claims: Record<string, unknown> & { sub: string }): DirectoryPerson {
  return {
    subject: claims.sub,
    email: stringsOf(claims[connection.emailAttribute ?? 'email'])[0] ?? null,
    name: stringsOf(claims[connection.nameAttribute ?? 'name'])[0] ?? null,
    roleValues: connection.roleAttribute ? stringsOf(claims[connection.roleAttribute]) : [],
  };
}

export function ssoWayIn(connectionId: string): WayIn {
  return `${SSO_WAY_IN_PREFIX}${connectionId}`;
}

/**
 * A person the company's directory signed in. Their address must be at one
 * of the workspace's verified domains: only then may the directory's word
 * link them to the profile with that login email (or make one). A newcomer
 * becomes a member at this first sign-in (just in time), under the
 * workspace's lock and seats like every other way in, with the role their
 * directory attributes map to; an invitation to their address becomes the
 * membership. Then the usual door: dismissed members stay out, the security
 * policy and a second factor apply.
 */
export async function signInThroughSso(options: { em: EntityManager; config: ServiceConfig; connection: SsoConnection; person: DirectoryPerson; origin: RequestOrigin; locale: Locale }): Promise<SignInResult> {
  const { config, connection, person, origin } = options;
  if (!connection.enabled) throw new SsoFailure('disabled', 'the connection is switched off');
  const email = person.email ? normalizeEmail(person.email) : null;
  if (!email || !isPlausibleEmail(email)) throw new SsoFailure('email_missing', `the directory sent no email address (${connection.emailAttribute ?? 'email'})`);
  const provider = ssoWayIn(connection.id);
  return options.em.transactional(async (em) => {
    const workspace = await em.findOneOrFail(Workspace, { id: connection.workspace.id });
    await lockWorkspace(em, workspace.id);
    await assertAddressAtVerifiedDomain(em, workspace.id, email);

    const identity = await em.findOne(Identity, { provider, subject: person.subject });
    let profile = identity ? await em.findOneOrFail(Profile, { id: identity.profile.id }) : await em.findOne(Profile, { email });
    const name = withoutForbiddenCharacters(person.name ?? '').trim().slice(0, 200) || email.split('@')[0]!;
    profile ??= em.create(Profile, { email, name, passwordHash: null, locale: options.locale, emailVerifiedAt: new Date() });
    if (identity) identity.lastUsedAt = new Date();
    else {
      em.create(Identity, { profile, provider, subject: person.subject, email, lastUsedAt: new Date() });
      recordAudit(em, { profileId: profile.id, origin }, { workspaceId: workspace.id, action: 'identity.linked', targetProfileId: profile.id, details: { provider: connection.name } });
    }

    const member = await em.findOne(Member, { workspace: workspace.id, profile: profile.id });
    if (!member) await admitThroughDirectory(em, { workspace, profile, email, connection, person, origin });
    await em.flush();
    return afterFirstFactor({ em, config, profile, workspaceSlug: workspace.slug, client: 'browser', origin, wayIn: provider });
  });
}

async function admitThroughDirectory(
  em: EntityManager,
  options: { workspace: Workspace; profile: Profile; email: string; connection: SsoConnection; person: DirectoryPerson; origin: RequestOrigin },
): Promise<void> {
  const { workspace, profile, connection } = options;
  const actor = { profileId: profile.id, origin: options.origin };
  const details = { via: 'sso', connection: connection.name };
  const invitation = await em.findOne(Member, { workspace: workspace.id, profile: null, status: 'invited', contactEmail: options.email }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (invitation) {
    // The invitation holds its seat already, and the role an admin chose.
    Object.assign(invitation, { profile: ref(profile), status: 'active', joinedAt: new Date(), invitationTokenHash: null, invitationExpiresAt: null });
    recordAudit(em, actor, { workspaceId: workspace.id, action: 'member.invitation_accepted', targetMemberId: invitation.id, targetProfileId: profile.id, details: { ...details, role: invitation.role } });
    return;
  }
  await assertSeatsAvailable(em, workspace);
  const role = roleFromAttribute(options.person.roleValues, connection.roleMappings, connection.defaultRole);
  admitJoiner(em, { workspace, profile, role, status: 'active', source: 'sso', actor, details: { ...details, role } });
}

/** Notes a sign-in or a failure on the connection's page; only the latest are kept. */
export async function recordSsoEvent(
  em: EntityManager,
  connectionId: string,
  event: { succeeded: boolean; failure?: SsoFailure; email: string | null; profileId?: string | null },
): Promise<void> {
  em.create(SsoEvent, {
    connection: em.getReference(SsoConnection, connectionId),
    succeeded: event.succeeded,
    reason: event.failure?.reason ?? null,
    detail: event.failure?.message.slice(0, 300) ?? null,
    email: event.email?.slice(0, 320) ?? null,
    profile: event.profileId ? em.getReference(Profile, event.profileId) : null,
  });
  await em.flush();
  const [oldestKept] = await em.find(SsoEvent, { connection: connectionId }, { orderBy: { createdAt: 'desc', id: 'desc' }, offset: SSO_EVENTS_KEPT - 1, limit: 1, fields: ['createdAt'] });
  if (oldestKept) await em.nativeDelete(SsoEvent, { connection: connectionId, createdAt: { $lt: oldestKept.createdAt } });
}
