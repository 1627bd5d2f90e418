import { Profile, type EntityManager } from '@gatehouse/db';
import { addressKey, type Actor, type RequestOrigin } from '../shared/actor.ts';
import type { ServiceConfig } from '../shared/config.ts';
import { findInvitation } from './find-invitation.ts';

export interface InvitationPreview {
  workspace: { slug: string; name: string };
  inviterName: string | null;
  email: string;
  expiresAt: string;
  /** A profile already signs in with this address: the person accepts by signing in. */
  profileExists: boolean;
  /** Who would join, when someone is signed in: the page says it plainly. */
  signedInAs: { name: string; email: string } | null;
  /** The signed-in profile's login is not the invited address: a code mailed to that address is needed. */
  mailboxProofRequired: boolean;
}

/** What the invitee sees before accepting; only the holder of the mailed link can ask. */
export async function previewInvitation(options: { em: EntityManager; config: ServiceConfig; token: string; origin: RequestOrigin; actor: Actor | null }): Promise<InvitationPreview> {
  await options.config.limits.consume('tokenAddress', addressKey(options.origin));
  const member = await findInvitation(options.em, options.token, { lock: false });
  const workspace = member.workspace.getEntity();
  const email = member.contactEmail ?? '';
  const signedIn = options.actor ? await options.em.findOneOrFail(Profile, { id: options.actor.profileId }) : null;
  return {
    workspace: { slug: workspace.slug, name: workspace.name },
    inviterName: member.invitedBy?.getEntity().name ?? null,
    email,
    expiresAt: member.invitationExpiresAt!.toISOString(),
    profileExists: (await options.em.count(Profile, { email })) > 0,
    signedInAs: signedIn ? { name: signedIn.name, email: signedIn.email } : null,
    mailboxProofRequired: signedIn != null && signedIn.email !== email,
  };
}
