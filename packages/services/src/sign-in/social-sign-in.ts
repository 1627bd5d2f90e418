import type { SocialClaims } from '@gatehouse/auth';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Identity, Profile, type EntityManager } from '@gatehouse/db';
import { AppError, isPlausibleEmail, normalizeEmail, withoutForbiddenCharacters, type Locale } from '@gatehouse/domain';
import type { Actor, RequestOrigin } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { afterFirstFactor, type SignInResult } from './after-first-factor.ts';
import { wayInOf } from '../security-policy/index.ts';
import { ssoRequirementOf } from '../domains/index.ts';
import type { ServiceConfig } from '../shared/config.ts';

/**
 * A profile made by a social sign-in needs a login email, but the provider's
 * address may already be another profile's login (the seeds: social and email
 * sign-in are different identities). It then gets an address under the
 * reserved `.invalid` domain (RFC 2606), which no mail is ever sent to.
 */
export function placeholderEmail(provider: string, subject: string): string {
  return `${provider}-${subject}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 200) + '@social.invalid';
}

export interface SocialSignInOptions {
  em: EntityManager;
  config: ServiceConfig;
  provider: string;
  claims: SocialClaims;
  /** Link to the signed-in profile instead of signing in. */
  linkTo: Actor | null;
  workspaceSlug?: string | null;
  locale: Locale;
  origin: RequestOrigin;
}

export type SocialOutcome = SignInResult | { status: 'linked' };

/**
 * A social identity that is linked signs in its profile; one that is not
 * creates its own profile (never joins another by matching addresses). One
 * identity belongs to one profile: linking it elsewhere is refused.
 */
export async function socialSignIn(options: SocialSignInOptions): Promise<SocialOutcome> {
  const { em, config, provider, claims, origin } = options;
  const identity: Identity | null = await em.findOne(Identity, { provider, subject: claims.subject }, { populate: ['profile'] });

  if (options.linkTo) {
    if (identity && identity.profile.id !== options.linkTo.profileId) throw new AppError('IDENTITY_TAKEN');
    if (!identity) {
      em.create(Identity, { profile: options.linkTo.profileId, provider, subject: claims.subject, email: claims.email });
      recordAudit(em, options.linkTo, { workspaceId: null, action: 'identity.linked', targetProfileId: options.linkTo.profileId, details: { provider } });
      try {
        await em.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw new AppError('IDENTITY_TAKEN');
        throw error;
      }
    }
    return { status: 'linked' };
  }

  let profile: Profile;
  if (identity) {
    profile = await em.findOneOrFail(Profile, { id: identity.profile.id });
    identity.lastUsedAt = new Date();
  } else {
    const offered = claims.email ? normalizeEmail(claims.email) : null;
    // An address whose company requires its single sign-on gets no profile of its own through a social account either.
    if (offered && (await ssoRequirementOf(em, offered))) throw new AppError('SSO_REQUIRED');
    const usable = offered && isPlausibleEmail(offered) && claims.emailVerified && !(await em.count(Profile, { email: offered }));
    profile = em.create(Profile, {
      email: usable ? offered : placeholderEmail(provider, claims.subject),
      emailVerifiedAt: usable ? new Date() : null,
      name: withoutForbiddenCharacters(claims.name ?? '').slice(0, 200) || offered?.split('@')[0] || provider,
      passwordHash: null,
      locale: options.locale,
    });
    em.create(Identity, { profile, provider, subject: claims.subject, email: claims.email, lastUsedAt: new Date() });
    recordAudit(em, { profileId: profile.id, origin }, { workspaceId: null, action: 'identity.linked', targetProfileId: profile.id, details: { provider, newProfile: true } });
  }
  try {
    await em.flush();
  } catch (error) {
    // Two first sign-ins with one identity raced: the other created it; sign that profile in.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    em.clear();
    const winner = await em.findOneOrFail(Identity, { provider, subject: claims.subject });
    profile = await em.findOneOrFail(Profile, { id: winner.profile.id });
  }

  return afterFirstFactor({ em, config, profile, workspaceSlug: options.workspaceSlug ?? null, client: 'browser', origin, wayIn: wayInOf('social', provider) });
}
