import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Member, Profile, type EntityManager } from '@gatehouse/db';
import { AppError } from '@gatehouse/domain';

/*
 * The seeds' most-asked error, "a user with this email already exists", has
 * its one owner here. An address can be taken in two places, and the answer
 * says which: as a login on the whole network (one profile per login email),
 * or inside a workspace, as a member's login or a member's contact email,
 * dismissed members included (the seeds' remedy is to change that member's
 * contact email first).
 */

export interface EmailCheck {
  email: string;
  /** Taken when any profile signs in with it. */
  network?: boolean;
  /** Taken when a member of this workspace uses it. */
  workspaceId?: string;
  /** The member being edited, whose own address does not count. */
  exceptMemberId?: string;
  /** Inside the workspace, only members' logins count (a profile joining whose address may be another member's contact). */
  onlyLogins?: boolean;
  /** The caller wants it as their own new login: the refusal tells how to free it. */
  asNewLogin?: boolean;
}

export type EmailHolder = { scope: 'network'; emailKind: 'login' } | { scope: 'workspace'; emailKind: 'login' | 'contact'; member: Member };

/** Who holds the address, network first; null when it is free everywhere the check looks. */
export async function findEmailHolder(em: EntityManager, check: EmailCheck): Promise<EmailHolder | null> {
  if (check.network && (await em.count(Profile, { email: check.email }))) return { scope: 'network', emailKind: 'login' };
  if (!check.workspaceId) return null;
  const except = check.exceptMemberId ? { id: { $ne: check.exceptMemberId } } : {};
  const byLogin = await em.findOne(Member, { workspace: check.workspaceId, profile: { email: check.email }, ...except });
  if (byLogin) return { scope: 'workspace', emailKind: 'login', member: byLogin };
  if (check.onlyLogins) return null;
  const byContact = await em.findOne(Member, { workspace: check.workspaceId, contactEmail: check.email, ...except });
  return byContact ? { scope: 'workspace', emailKind: 'contact', member: byContact } : null;
}

/** EMAIL_TAKEN, saying where and as what. */
export function emailTaken(holder: Pick<EmailHolder, 'scope' | 'emailKind'>, options: { asNewLogin?: boolean } = {}): AppError {
  return new AppError('EMAIL_TAKEN', { scope: holder.scope, emailKind: holder.emailKind, ...(options.asNewLogin ? { asNewLogin: true } : {}) });
}

export async function assertEmailFree(em: EntityManager, check: EmailCheck): Promise<void> {
  const holder = await findEmailHolder(em, check);
  if (holder) throw emailTaken(holder, { asNewLogin: check.asNewLogin ?? false });
}

/** Two requests racing for one login both pass the check; the unique index stops the second, which hears EMAIL_TAKEN like everyone else. */
export function asEmailTaken(error: unknown, options: { asNewLogin?: boolean } = {}): unknown {
  return error instanceof UniqueConstraintViolationException ? emailTaken({ scope: 'network', emailKind: 'login' }, options) : error;
}
