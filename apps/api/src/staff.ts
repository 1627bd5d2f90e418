import type { Logger } from 'pino';
import { Profile, type Orm } from '@gatehouse/db';
import { normalizeEmail } from '@gatehouse/domain';

/** Makes the profiles with these login emails platform staff; never done through the API. */
export async function appointStaff(orm: Orm, emails: string[], logger?: Pick<Logger, 'info' | 'warn'>): Promise<string[]> {
  const em = orm.em.fork();
  const wanted = emails.map(normalizeEmail);
  const profiles = await em.find(Profile, { email: { $in: wanted } });
  for (const profile of profiles) profile.isStaff = true;
  await em.flush();
  const missing = wanted.filter((email) => !profiles.some((profile) => profile.email === email));
  if (missing.length) logger?.warn({ missing }, 'no profile signs in with these staff emails yet');
  logger?.info({ staff: profiles.map((profile) => profile.email) }, 'platform staff appointed');
  return profiles.map((profile) => profile.email);
}
