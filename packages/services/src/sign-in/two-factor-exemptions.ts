import { Member, type EntityManager } from '@gatehouse/db';

/** A new enrolment (or turning it off) ends every admin's exemption: they were for the authenticator that was lost. */
export async function clearExemptions(em: EntityManager, profileId: string): Promise<void> {
  await em.nativeUpdate(Member, { profile: profileId, twoFactorExemptAt: { $ne: null } }, { twoFactorExemptAt: null, twoFactorExemptUntil: null });
}
