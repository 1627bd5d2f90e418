import { randomBytes } from 'node:crypto';
import { hashPassword } from '@gatehouse/auth';
import { Member, Profile, Workspace, type Orm } from '@gatehouse/db';

export const DEMO_SLUG = 'demo';
export const DEMO_ADMIN_EMAIL = 'admin@demo.localhost';

/**
 * On a first start with an empty database: a demo workspace and its admin,
 * so a person can sign in at once. The password is random, shown once, and
 * must be replaced at that first sign-in (it signs in once; it has no end date,
 * since the operator who started the product may come back to it later).
 */
export async function seedDemoIfEmpty(orm: Orm): Promise<{ email: string; password: string; slug: string } | null> {
  const em = orm.em.fork();
  if ((await em.count(Profile, {})) > 0) return null;
  const password = randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  await em.transactional(async (tx) => {
    const admin = tx.create(Profile, { email: DEMO_ADMIN_EMAIL, name: 'Demo Admin', passwordHash, mustChangePassword: true, emailVerifiedAt: new Date() });
    const workspace = tx.create(Workspace, { slug: DEMO_SLUG, name: 'Demo Company', creator: admin });
    tx.create(Member, { workspace, profile: admin, role: 'admin', status: 'active', name: admin.name, contactEmail: admin.email, source: 'creator', joinedAt: new Date() });
  });
  return { email: DEMO_ADMIN_EMAIL, password, slug: DEMO_SLUG };
}
