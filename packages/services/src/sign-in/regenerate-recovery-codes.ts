import { Profile, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { type ServiceConfig } from '../shared/config.ts';
import { assertCurrentPassword } from './reauthenticate.ts';
import { replaceRecoveryCodes } from './recovery-codes.ts';

export async function regenerateRecoveryCodes(options: { em: EntityManager; actor: Actor; config: ServiceConfig; password: string }): Promise<{ recoveryCodes: string[] }> {
  const { actor, config } = options;
  return options.em.transactional(async (em) => {
    const profile = await em.findOneOrFail(Profile, { id: actor.profileId }, { populate: ['passwordHash'] });
    if (!profile.twoFactorEnabledAt) throw new AppError('TWO_FACTOR_NOT_ENABLED');
    await assertCurrentPassword(config, profile, options.password);
    const recoveryCodes = await replaceRecoveryCodes(em, config, profile.id);
    recordAudit(em, actor, { workspaceId: null, action: 'two_factor.recovery_codes_regenerated', targetProfileId: profile.id });
    await em.flush();
    return { recoveryCodes };
  });
}
