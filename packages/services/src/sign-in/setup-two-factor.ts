import { generateTotpKey, totpEnrolment } from '@gatehouse/auth';
import { Profile, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { Actor } from '../shared/actor.ts';
import { type ServiceConfig } from '../shared/config.ts';

const ISSUER = 'Gatehouse';

/** Starts enrolment: a new secret (kept encrypted), shown as text and as an otpauth:// URI for the QR code. */
export async function setupTwoFactor(options: { em: EntityManager; actor: Actor; config: ServiceConfig }): Promise<{ secret: string; otpauthUrl: string }> {
  const { em, actor, config } = options;
  const profile = await em.findOneOrFail(Profile, { id: actor.profileId });
  if (profile.twoFactorEnabledAt) throw new AppError('TWO_FACTOR_ALREADY_ENABLED');
  const key = generateTotpKey();
  profile.totpSecretEncrypted = config.totpBox.seal(key);
  profile.totpLastStep = null;
  await em.flush();
  return totpEnrolment(key, { issuer: ISSUER, account: profile.email });
}
