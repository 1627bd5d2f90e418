import { describe, expect, it } from 'vitest';
import { Member } from '../entities/index.ts';
import { makeProfile, makeWorkspace, useTestDatabase } from '../testing/index.ts';
import { findMembershipOf } from './membership-repository.ts';

const db = useTestDatabase();

describe('findMembershipOf', () => {
  it('gives the member and its workspace as managed entities, and nothing for another profile or address', async () => {
    const em = db.orm.em.fork();
    const admin = await makeProfile(em);
    const outsider = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: admin });
    const other = await makeWorkspace(em, { creator: outsider });

    const lookup = db.orm.em.fork();
    const found = await findMembershipOf(lookup, { slug: workspace.slug, profileId: admin.id });
    expect([found?.workspace.id, found?.member.profile?.id, found?.member.role, found?.member.status]).toEqual([workspace.id, admin.id, 'admin', 'active']);
    expect(found?.member.workspace.getEntity()).toBe(found?.workspace);
    expect(found?.workspace.lastSignInAt).toBeInstanceOf(Date);
    expect(await findMembershipOf(lookup, { slug: workspace.slug, profileId: outsider.id })).toBeNull();
    expect(await findMembershipOf(lookup, { slug: other.slug, profileId: admin.id })).toBeNull();

    found!.member.position = 'Founder';
    await lookup.flush();
    expect((await db.orm.em.fork().findOneOrFail(Member, { id: found!.member.id })).position).toBe('Founder');
  });
});
