import { assertPasswordAcceptable, hashPassword } from '@gatehouse/auth';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Workspace} from '@gatehouse/db';
import { Profile, type EntityManager } from '@gatehouse/db';
import { AppError, normalizeEmail, type Locale } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import { addressKey, type Actor, type RequestOrigin } from '../shared/actor.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { assertSeatsAvailable, lockWorkspace } from '../workspace/index.ts';
import { queueEmailVerification, asEmailTaken, assertEmailFree, findEmailHolder } from '../profile/index.ts';
import { workspaceOfLink, statusAfterVerification } from './join-token.ts';
import { admitJoiner } from './admit-joiner.ts';

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
        await assertEmailFree(em, { email: profile.email, workspaceId: workspace.id });
      } else {
        const email = normalizeEmail(options.email ?? '');
        if (!passwordHash || !options.name?.trim()) throw new AppError('INVALID_INPUT');
        await options.config.limits.consume('mailAddress', addressKey(options.origin));
        // A taken address gets the same answer as a fresh join (no enumeration); the owner of an existing login is told by mail.
        const holder = await findEmailHolder(em, { email, network: true, workspaceId: workspace.id });
        if (holder) {
          const existing = holder.scope === 'network' ? await em.findOne(Profile, { email }) : null;
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
      admitJoiner(em, { workspace, profile, role: workspace.joinRole, status, source: 'join_link', actor: options.actor ?? { profileId: profile.id, origin: options.origin } });
      if (!verified) queueEmailVerification(em, options.config, profile);
      await em.flush();
      return options.actor ? { workspace: { slug: workspace.slug, name: workspace.name }, status, verificationSent: !verified } : verificationSentAnswer(workspace);
    });
  } catch (error) {
    // Two anonymous joins raced for one new address: answered alike, as the loser would have been a moment later.
    if (error instanceof UniqueConstraintViolationException && !options.actor) return verificationSentAnswer(await workspaceOfLink(options.em.fork(), options.config, options.token));
    throw asEmailTaken(error);
  }
}
