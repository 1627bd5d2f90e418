import { endSetupOnlySessions, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { acceptTotp, loadTotpKey } from './second-factor.ts';
import { replaceRecoveryCodes } from './recovery-codes.ts';
import { clearExemptions } from './two-factor-exemptions.ts';

/** Turns 2FA on with a first valid code; the ten recovery codes are returned this once. */
export async function enableTwoFactor(options: { em: EntityManager; actor: Actor; config: ServiceConfig; code: string }): Promise<{ recoveryCodes: string[] }> {
  const { actor, config } = options;
  return options.em.transactional(async (em) => {
    const { profile, key } = await loadTotpKey(em, config, actor.profileId);
    if (profile.twoFactorEnabledAt) throw new AppError('TWO_FACTOR_ALREADY_ENABLED');
    if (!key) throw new AppError('TWO_FACTOR_SETUP_REQUIRED');
    await config.limits.consume('twoFactor', profile.id);
    if (!(await acceptTotp(em, profile, key, options.code))) throw new AppError('TWO_FACTOR_INVALID');
    await config.limits.reset('twoFactor', profile.id);
    profile.twoFactorEnabledAt = new Date();
    await clearExemptions(em, profile.id);
    // A workspace that held the person's sessions to this step lets them go on.
    await endSetupOnlySessions(em, profile.id);
    const recoveryCodes = await replaceRecoveryCodes(em, config, profile.id);
    recordAudit(em, actor, { workspaceId: null, action: 'two_factor.enabled', targetProfileId: profile.id });
    await em.flush();
    return { recoveryCodes };
  });
}
