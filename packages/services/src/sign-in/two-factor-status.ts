import { Member, Profile, type EntityManager } from '@gatehouse/db';
import type { Actor } from '../shared/actor.ts';
import { unusedRecoveryCodes } from './second-factor.ts';
import { isTwoFactorExempt } from './two-factor-rules.ts';

export interface TwoFactorStatus {
  enabled: boolean;
  /** Set up but not yet confirmed with a code. */
  pending: boolean;
  recoveryCodesLeft: number;
  /** Workspaces whose admin turned the second step off for sign-ins there (only there), and until when (null: until it is set up again). */
  exemptions: { workspace: { slug: string; name: string }; until: string | null }[];
}

export async function twoFactorStatus(options: { em: EntityManager; actor: Pick<Actor, 'profileId'> }): Promise<TwoFactorStatus> {
  const profile = await options.em.findOneOrFail(Profile, { id: options.actor.profileId }, { populate: ['totpSecretEncrypted'] });
  const exempted = profile.twoFactorEnabledAt
    ? await options.em.find(Member, { profile: profile.id, twoFactorExemptAt: { $ne: null } }, { populate: ['workspace'], orderBy: { createdAt: 'asc' } })
    : [];
  return {
    enabled: profile.twoFactorEnabledAt != null,
    pending: profile.twoFactorEnabledAt == null && profile.totpSecretEncrypted != null,
    recoveryCodesLeft: await unusedRecoveryCodes(options.em, profile.id),
    exemptions: exempted
      .filter((member) => isTwoFactorExempt(member))
      .map((member) => ({ workspace: { slug: member.workspace.getEntity().slug, name: member.workspace.getEntity().name }, until: member.twoFactorExemptUntil?.toISOString() ?? null })),
  };
}
