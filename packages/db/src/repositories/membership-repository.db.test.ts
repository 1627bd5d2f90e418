import { describe, expect, it } from 'vitest';
import { makeProfile, makeWorkspace, useTestDatabase } from '../testing/index.ts';
import { findMembershipRows } from './membership-repository.ts';

const db = useTestDatabase();

describe('findMembershipRows', () => {
  it('gives the member and workspace rows of a profile at an address, and nothing for another profile or address', async () => {
    const em = db.orm.em.fork();
    const admin = await makeProfile(em);
    const outsider = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: admin });
    const other = await makeWorkspace(em, { creator: outsider });

    const lookup = db.orm.em.fork();
    const rows = await findMembershipRows(lookup, { slug: workspace.slug, profileId: admin.id });
    expect([rows?.workspace.id, rows?.workspace.creator_id, rows?.workspace.slug, rows?.member.profile_id, rows?.member.role, rows?.member.status]).toEqual([
      workspace.id,
      admin.id,
      workspace.slug,
      admin.id,
      'admin',
      'active',
    ]);
    expect(await findMembershipRows(lookup, { slug: workspace.slug, profileId: outsider.id })).toBeNull();
    expect(await findMembershipRows(lookup, { slug: other.slug, profileId: admin.id })).toBeNull();
  });
});
