import { generateRecoveryCodes, hashRecoveryCode } from '@gatehouse/auth';
import { Member, RecoveryCode, type EntityManager } from '@gatehouse/db';
import { type ServiceConfig } from '../shared/config.ts';

export async function replaceRecoveryCodes(em: EntityManager, config: ServiceConfig, profileId: string): Promise<string[]> {
  await em.nativeDelete(RecoveryCode, { profile: profileId });
  const codes = generateRecoveryCodes();
  for (const code of codes) em.create(RecoveryCode, { profile: profileId, codeHash: hashRecoveryCode(config.appSecret, code) });
  return codes;
}

/** A new enrolment (or turning it off) ends every admin's exemption: they were for the authenticator that was lost. */
export async function clearExemptions(em: EntityManager, profileId: string): Promise<void> {
  await em.nativeUpdate(Member, { profile: profileId, twoFactorExemptAt: { $ne: null } }, { twoFactorExemptAt: null, twoFactorExemptUntil: null });
}
