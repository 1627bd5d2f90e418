import { assertPasswordAcceptable, derivedSecret, derivedSecretMatches, hashPassword } from '@gatehouse/auth';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Member, Profile, Workspace, type EntityManager } from '@gatehouse/db';
import { AppError, emailDomain, normalizeEmail, type Locale } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { addressKey, type Actor, type RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { addCompleteProfileTask } from '../invitations/invitation-rules.ts';
import type { Membership } from '../members/resolve-membership.ts';
import { assertSeatsAvailable, lockWorkspace } from '../workspace/seats.ts';
import { queueEmailVerification } from '../profile/verify-email.ts';

export interface JoinLinkView {
  url: string;
  enabled: boolean;
  requiresApproval: boolean;
  allowedDomains: string[];
  role: 'employee' | 'extranet';
  expiresAt: string | null;
}

function joinSecret(config: ServiceConfig, workspace: Pick<Workspace, 'id' | 'joinLinkVersion'>): string {
  return derivedSecret(config.appSecret, `join:${workspace.id}:${workspace.joinLinkVersion}`);
}

/** `<slug>.<version>.<mac>`: says which workspace and which version of its link, and proves it. */
function joinToken(config: ServiceConfig, workspace: Workspace): string {
  return `${workspace.slug}.${workspace.joinLinkVersion}.${joinSecret(config, workspace)}`;
}

function joinLinkView(config: ServiceConfig, workspace: Workspace): JoinLinkView {
  return {
    url: portalLink(config, '/join', joinToken(config, workspace)),
    enabled: workspace.joinEnabled,
    requiresApproval: workspace.joinRequiresApproval,
    allowedDomains: workspace.joinAllowedDomains,
    role: workspace.joinRole,
    expiresAt: workspace.joinExpiresAt?.toISOString() ?? null,
  };
}

export function getJoinLink(options: { config: ServiceConfig; membership: Membership }): JoinLinkView {
  return joinLinkView(options.config, options.membership.workspace);
}

export interface UpdateJoinLinkOptions {
  em: EntityManager;
  actor: Actor;
  config: ServiceConfig;
  membership: Membership;
  enabled?: boolean;
  requiresApproval?: boolean;
  allowedDomains?: string[];
  /** Never admin: nobody becomes an administrator through a shared link. */
  role?: 'employee' | 'extranet';
  expiresAt?: Date | null;
}

export async function updateJoinLink(options: UpdateJoinLinkOptions): Promise<JoinLinkView> {
  return options.em.transactional(async (em) => {
    const workspace = await em.findOneOrFail(Workspace, { id: options.membership.workspace.id });
    if (options.enabled !== undefined) workspace.joinEnabled = options.enabled;
    if (options.requiresApproval !== undefined) workspace.joinRequiresApproval = options.requiresApproval;
    if (options.allowedDomains !== undefined) workspace.joinAllowedDomains = [...new Set(options.allowedDomains.map((domain) => domain.trim().toLowerCase().replace(/^@/, '')))];
    if (options.role !== undefined) workspace.joinRole = options.role;
    if (options.expiresAt !== undefined) workspace.joinExpiresAt = options.expiresAt;
    recordAudit(em, options.actor, {
      workspaceId: workspace.id,
      action: 'join_link.updated',
      details: { enabled: workspace.joinEnabled, requiresApproval: workspace.joinRequiresApproval, allowedDomains: workspace.joinAllowedDomains, role: workspace.joinRole },
    });
    await em.flush();
    return joinLinkView(options.config, workspace);
  });
}

/** A new link; the old one stops working at once. */
export async function rotateJoinLink(options: { em: EntityManager; actor: Actor; config: ServiceConfig; membership: Membership }): Promise<JoinLinkView> {
  return options.em.transactional(async (em) => {
    const workspace = await em.findOneOrFail(Workspace, { id: options.membership.workspace.id });
    workspace.joinLinkVersion += 1;
    recordAudit(em, options.actor, { workspaceId: workspace.id, action: 'join_link.rotated', details: { version: workspace.joinLinkVersion } });
    await em.flush();
    return joinLinkView(options.config, workspace);
  });
}

/** The workspace a presented link opens, or why it does not. */
async function workspaceOfLink(em: EntityManager, config: ServiceConfig, token: string): Promise<Workspace> {
  const [slug = '', version, mac = ''] = token.split('.');
  const workspace = slug ? await em.findOne(Workspace, { slug }) : null;
  if (!workspace || String(workspace.joinLinkVersion) !== version || !derivedSecretMatches(config.appSecret, `join:${workspace.id}:${workspace.joinLinkVersion}`, mac)) {
    throw new AppError('TOKEN_INVALID');
  }
  if (!workspace.joinEnabled) throw new AppError('TOKEN_INVALID');
  if (workspace.joinExpiresAt && workspace.joinExpiresAt.getTime() <= Date.now()) throw new AppError('TOKEN_EXPIRED');
  return workspace;
}

export async function previewJoinLink(options: { em: EntityManager; config: ServiceConfig; token: string; origin: RequestOrigin }): Promise<{ workspace: { slug: string; name: string }; requiresApproval: boolean }> {
  await options.config.limits.consume('tokenAddress', addressKey(options.origin));
  const workspace = await workspaceOfLink(options.em, options.config, options.token);
  return { workspace: { slug: workspace.slug, name: workspace.name }, requiresApproval: workspace.joinRequiresApproval };
}

/** Whether a joiner with this (verified) address gets in at once or waits for an admin. */
function statusAfterVerification(workspace: Workspace, email: string): 'active' | 'awaiting_approval' {
  if (!workspace.joinRequiresApproval) return 'active';
  return workspace.joinAllowedDomains.includes(emailDomain(email)) ? 'active' : 'awaiting_approval';
}

export interface JoinWorkspaceOptions {
  em: EntityManager;
  config: ServiceConfig;
  token: string;
  /** Signed in: that profile joins. Otherwise a new profile from email, name and password. */
  actor: Actor | null;
  email?: string;
  name?: string;
  password?: string;
  locale: Locale;
  origin: RequestOrigin;
}

export interface JoinResult {
  workspace: { slug: string; name: string };
  status: 'invited' | 'active' | 'awaiting_approval';
  /** True when the membership waits for the joiner to confirm their address. */
  verificationSent: boolean;
}

/** What every anonymous join answers, whether or not the address already has a profile. */
function verificationSentAnswer(workspace: Workspace): JoinResult {
  return { workspace: { slug: workspace.slug, name: workspace.name }, status: 'invited', verificationSent: true };
}

/**
 * Joining through the quick-join link. The joiner's address must be verified
 * before the membership counts: until then the member waits as `invited`
 * (holding a seat, so the plan cannot be overrun), then becomes active or
 * awaits approval. Someone not signed in is answered alike whether or not the
 * address has a profile or is already used here (no enumeration through a
 * shared link): the owner of a taken address gets a mail instead.
 */
export async function joinWorkspace(options: JoinWorkspaceOptions): Promise<JoinResult> {
  await options.config.limits.consume('tokenAddress', addressKey(options.origin));
  if (!options.actor && options.password) {
    const workspace = await workspaceOfLink(options.em, options.config, options.token);
    assertPasswordAcceptable(options.password, { email: options.email ?? null, name: options.name ?? null, workspaceNames: [workspace.name] });
  }
  const passwordHash = !options.actor && options.password ? await hashPassword(options.password) : null;
  try {
    return await options.em.transactional(async (em) => {
      const workspace = await workspaceOfLink(em, options.config, options.token);
      await lockWorkspace(em, workspace.id);
      let profile: Profile;
      if (options.actor) {
        profile = await em.findOneOrFail(Profile, { id: options.actor.profileId });
        if (await em.count(Member, { workspace: workspace.id, profile: profile.id })) throw new AppError('EMAIL_TAKEN', { scope: 'workspace', emailKind: 'login' });
        if (await em.count(Member, { workspace: workspace.id, contactEmail: profile.email })) throw new AppError('EMAIL_TAKEN', { scope: 'workspace', emailKind: 'contact' });
      } else {
        const email = normalizeEmail(options.email ?? '');
        if (!passwordHash || !options.name?.trim()) throw new AppError('INVALID_INPUT');
        await options.config.limits.consume('mailAddress', addressKey(options.origin));
        const existing = await em.findOne(Profile, { email });
        if (existing || (await em.count(Member, { workspace: workspace.id, contactEmail: email }))) {
          if (existing) {
            enqueueMail(em, {
              to: existing.email,
              kind: 'join_existing',
              locale: existing.locale,
              params: { workspaceName: workspace.name, signInLink: portalLink(options.config, '/signin'), resetLink: portalLink(options.config, '/forgot-password') },
            });
          }
          await em.flush();
          return verificationSentAnswer(workspace);
        }
        profile = em.create(Profile, { email, name: options.name.trim(), passwordHash, locale: options.locale });
      }
      await assertSeatsAvailable(em, workspace);

      const verified = profile.emailVerifiedAt != null;
      const status = verified ? statusAfterVerification(workspace, profile.email) : 'invited';
      const member = em.create(Member, {
        workspace,
        profile,
        role: workspace.joinRole,
        status,
        source: 'join_link',
        name: profile.name,
        contactEmail: profile.email,
        joinedAt: status === 'active' ? new Date() : null,
      });
      addCompleteProfileTask(em, workspace, member);
      if (!verified) queueEmailVerification(em, options.config, profile);
      recordAudit(em, options.actor ?? { profileId: profile.id, origin: options.origin }, {
        workspaceId: workspace.id,
        action: status === 'active' ? 'member.joined' : 'member.join_requested',
        targetMemberId: member.id,
        targetProfileId: profile.id,
        details: { email: profile.email, status },
      });
      await em.flush();
      return options.actor ? { workspace: { slug: workspace.slug, name: workspace.name }, status, verificationSent: !verified } : verificationSentAnswer(workspace);
    });
  } catch (error) {
    // Two anonymous joins raced for one new address: answered alike, as the loser would have been a moment later.
    if (error instanceof UniqueConstraintViolationException && !options.actor) return verificationSentAnswer(await workspaceOfLink(options.em.fork(), options.config, options.token));
    if (error instanceof UniqueConstraintViolationException) throw new AppError('EMAIL_TAKEN', { scope: 'network', emailKind: 'login' });
    throw error;
  }
}

/** After the address is confirmed: memberships that waited on it move on (active, or awaiting approval). */
export async function promoteVerifiedJoins(em: EntityManager, profile: Profile, actor: { profileId: string; origin: RequestOrigin }): Promise<void> {
  const waiting = await em.find(Member, { profile: profile.id, status: 'invited', source: 'join_link' }, { populate: ['workspace'] });
  for (const member of waiting) {
    const workspace = member.workspace.getEntity();
    await lockWorkspace(em, workspace.id);
    member.status = statusAfterVerification(workspace, profile.email);
    if (member.status === 'active') member.joinedAt = new Date();
    recordAudit(em, actor, { workspaceId: workspace.id, action: member.status === 'active' ? 'member.joined' : 'member.join_requested', targetMemberId: member.id, targetProfileId: profile.id });
  }
}
