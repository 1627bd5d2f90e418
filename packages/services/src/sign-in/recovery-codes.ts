import { generateRecoveryCodes, hashRecoveryCode } from '@gatehouse/auth';
import { RecoveryCode, type EntityManager } from '@gatehouse/db';
import { type ServiceConfig } from '../shared/config.ts';

/** Ten fresh recovery codes in place of the old ones, stored hashed; returned this once. */
export async function replaceRecoveryCodes(em: EntityManager, config: ServiceConfig, profileId: string): Promise<string[]> {
  await em.nativeDelete(RecoveryCode, { profile: profileId });
  const codes = generateRecoveryCodes();
  for (const code of codes) em.create(RecoveryCode, { profile: profileId, codeHash: hashRecoveryCode(config.appSecret, code) });
  return codes;
}
