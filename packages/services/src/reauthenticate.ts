import { verifyPassword } from '@gatehouse/auth';
import type { Profile } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';
import type { ServiceConfig } from './config.ts';

/**
 * A sensitive change proven by the current password (password or email
 * change, 2FA changes): wrong guesses count against the profile's
 * re-authentication limit, so a stolen session cannot brute-force it.
 */
export async function assertCurrentPassword(config: ServiceConfig, profile: Pick<Profile, 'id' | 'passwordHash'>, password: string): Promise<void> {
  await config.limits.check('reauthentication', profile.id);
  if (!profile.passwordHash || !(await verifyPassword(profile.passwordHash, password))) {
    await config.limits.consume('reauthentication', profile.id);
    throw new AppError('INVALID_CREDENTIALS');
  }
}
