import { RecoveryCode, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import { enqueueMail } from '@gatehouse/mail';
import type { Actor } from '../shared/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { portalLink, type ServiceConfig } from '../shared/config.ts';
import { assertCurrentPassword } from './reauthenticate.ts';
import { acceptSecondFactor, loadTotpKey } from './second-factor.ts';
import { clearExemptions } from './two-factor-exemptions.ts';

/** Off again: needs the password and a current code (or a recovery code); the person is told by mail. */
export async function disableTwoFactor(options: { em: EntityManager; actor: Actor; config: ServiceConfig; password: string; code: string }): Promise<{ enabled: false }> {
  const { actor, config } = options;
  return options.em.transactional(async (em) => {
    const { profile, key } = await loadTotpKey(em, config, actor.profileId);
    if (!profile.twoFactorEnabledAt || !key) throw new AppError('TWO_FACTOR_NOT_ENABLED');
    await assertCurrentPassword(config, profile, options.password);
    await config.limits.consume('twoFactor', profile.id);
    if (!(await acceptSecondFactor(em, config, profile, key, options.code))) throw new AppError('TWO_FACTOR_INVALID');
    profile.totpSecretEncrypted = null;
    profile.twoFactorEnabledAt = null;
    profile.totpLastStep = null;
    await em.nativeDelete(RecoveryCode, { profile: profile.id });
    await clearExemptions(em, profile.id);
    enqueueMail(em, { to: profile.email, kind: 'two_factor_disabled', locale: profile.locale, params: { when: new Date(), link: portalLink(config, '/security') } });
    recordAudit(em, actor, { workspaceId: null, action: 'two_factor.disabled', targetProfileId: profile.id });
    await em.flush();
    return { enabled: false as const };
  });
}
