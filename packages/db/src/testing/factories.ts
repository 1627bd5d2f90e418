import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MemberRole, MemberStatus } from '@gatehouse/domain';
import { Member, Profile, Workspace } from '../entities/index.ts';

/** Unique data for each call, so tests share a database without stepping on each other. */
export function uniqueEmail(label = 'person'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export function uniqueSlug(label = 'ws'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** A profile whose address is confirmed, unless `emailVerifiedAt: null` says otherwise. */
export async function makeProfile(em: EntityManager, data: Partial<Pick<Profile, 'email' | 'name' | 'passwordHash' | 'locale' | 'isStaff' | 'emailVerifiedAt'>> = {}): Promise<Profile> {
  const profile = em.create(Profile, {
    email: data.email ?? uniqueEmail(),
    name: data.name ?? 'Test Person',
    passwordHash: data.passwordHash ?? null,
    locale: data.locale ?? 'en',
    isStaff: data.isStaff ?? false,
    emailVerifiedAt: data.emailVerifiedAt === undefined ? new Date() : data.emailVerifiedAt,
  });
  await em.flush();
  return profile;
}

export async function makeWorkspace(em: EntityManager, data: { creator: Profile; slug?: string; name?: string }): Promise<Workspace> {
  const workspace = em.create(Workspace, { slug: data.slug ?? uniqueSlug(), name: data.name ?? 'Test Workspace', creator: data.creator });
  em.create(Member, { workspace, profile: data.creator, role: 'admin', status: 'active', source: 'creator', name: data.creator.name, contactEmail: data.creator.email, joinedAt: new Date() });
  await em.flush();
  return workspace;
}

export async function makeMember(
  em: EntityManager,
  data: { workspace: Workspace; profile?: Profile | null; role?: MemberRole; status?: MemberStatus; name?: string; contactEmail?: string | null },
): Promise<Member> {
  const member = em.create(Member, {
    workspace: data.workspace,
    profile: data.profile ?? null,
    role: data.role ?? 'employee',
    status: data.status ?? 'active',
    name: data.name ?? data.profile?.name ?? 'Invited Person',
    contactEmail: data.contactEmail ?? data.profile?.email ?? null,
    joinedAt: data.status === 'invited' ? null : new Date(),
  });
  await em.flush();
  return member;
}
