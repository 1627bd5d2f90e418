import { describe, expect, it } from 'vitest';
import { makeMember, makeProfile, makeWorkspace, uniqueEmail, useTestDatabase } from '@gatehouse/db/testing';
import { AppError } from '@gatehouse/domain';
import { assertEmailFree, findEmailHolder } from './email-availability.ts';

const db = useTestDatabase();

async function refusal(check: Parameters<typeof assertEmailFree>[1]) {
  try {
    await assertEmailFree(db.orm.em.fork(), check);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, scope: error.params.scope, emailKind: error.params.emailKind };
  }
}

describe('whether an email is free', () => {
  it('says where an address is taken and as what: a login on the network, a member’s login or contact in the workspace', async () => {
    const em = db.orm.em.fork();
    const admin = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: admin });
    const contact = uniqueEmail('contact');
    const dismissedContact = uniqueEmail('dismissed');
    await makeMember(em, { workspace, profile: null, status: 'invited', contactEmail: contact });
    await makeMember(em, { workspace, profile: null, status: 'dismissed', contactEmail: dismissedContact });

    expect(await refusal({ email: admin.email, network: true })).toEqual({ code: 'EMAIL_TAKEN', scope: 'network', emailKind: 'login' });
    expect(await refusal({ email: admin.email, workspaceId: workspace.id })).toEqual({ code: 'EMAIL_TAKEN', scope: 'workspace', emailKind: 'login' });
    expect(await refusal({ email: contact, workspaceId: workspace.id })).toEqual({ code: 'EMAIL_TAKEN', scope: 'workspace', emailKind: 'contact' });
    // Dismissed members keep their addresses: the seeds' remedy is to change that member's contact email first.
    expect(await refusal({ email: dismissedContact, workspaceId: workspace.id })).toEqual({ code: 'EMAIL_TAKEN', scope: 'workspace', emailKind: 'contact' });
    // A contact email is no login: the network does not count it, and a check of logins only passes it.
    expect(await refusal({ email: contact, network: true })).toBeNull();
    expect(await refusal({ email: contact, workspaceId: workspace.id, onlyLogins: true })).toBeNull();
    expect(await refusal({ email: uniqueEmail('free'), network: true, workspaceId: workspace.id })).toBeNull();
  });

  it('does not count the member being edited, and names the holder for callers who act on it', async () => {
    const em = db.orm.em.fork();
    const admin = await makeProfile(em);
    const workspace = await makeWorkspace(em, { creator: admin });
    const email = uniqueEmail('self');
    const member = await makeMember(em, { workspace, profile: null, status: 'invited', contactEmail: email });
    expect(await refusal({ email, workspaceId: workspace.id, exceptMemberId: member.id })).toBeNull();
    const holder = await findEmailHolder(db.orm.em.fork(), { email, workspaceId: workspace.id });
    expect(holder?.scope === 'workspace' ? holder.member.id : null).toBe(member.id);
  });
});
