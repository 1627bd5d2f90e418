import { describe, expect, it } from 'vitest';
import { canInvite, canViewDirectory, isDeletable, isLastAdmin, MEMBER_STATUSES, memberActionRefusal, memberActions, occupiesSeat, signInRefusal, type MemberState, type MemberStatus } from './membership.ts';
import { hasFreeSeats, seatsOf } from './plans.ts';

describe('seats', () => {
  it('counts everyone but dismissed members', () => {
    expect(occupiesSeat('active')).toBe(true);
    expect(occupiesSeat('invited')).toBe(true);
    expect(occupiesSeat('awaiting_approval')).toBe(true);
    expect(occupiesSeat('dismissed')).toBe(false);
  });

  it('gives the free plan 12 seats and refuses the 13th', () => {
    expect(seatsOf('free')).toBe(12);
    expect(hasFreeSeats({ used: 11, total: 12 })).toBe(true);
    expect(hasFreeSeats({ used: 12, total: 12 })).toBe(false);
    expect(hasFreeSeats({ used: 10, total: 12, adding: 3 })).toBe(false);
  });
});

describe('who may invite', () => {
  it('lets only admins invite by default', () => {
    const off = { anyoneCanInvite: false };
    expect(canInvite({ role: 'admin', status: 'active' }, off)).toBe(true);
    expect(canInvite({ role: 'employee', status: 'active' }, off)).toBe(false);
  });

  it('opens invitations to active employees, never extranet, when anyone may invite', () => {
    const on = { anyoneCanInvite: true };
    expect(canInvite({ role: 'employee', status: 'active' }, on)).toBe(true);
    expect(canInvite({ role: 'extranet', status: 'active' }, on)).toBe(false);
    expect(canInvite({ role: 'employee', status: 'dismissed' }, on)).toBe(false);
    expect(canInvite(null, on)).toBe(false);
  });
});

describe('deleting and dismissing', () => {
  it('deletes only never-accepted invitations', () => {
    expect(isDeletable('invited')).toBe(true);
    // A join request is rejected, not deleted: it was never an invitation.
    expect(isDeletable('awaiting_approval')).toBe(false);
    expect(isDeletable('active')).toBe(false);
    expect(isDeletable('dismissed')).toBe(false);
  });

  it('recognises the last active admin', () => {
    expect(isLastAdmin({ role: 'admin', status: 'active' }, 1)).toBe(true);
    expect(isLastAdmin({ role: 'admin', status: 'active' }, 2)).toBe(false);
    expect(isLastAdmin({ role: 'employee', status: 'active' }, 1)).toBe(false);
  });
});

describe('the member status machine', () => {
  const state = (status: MemberStatus, extra: Partial<MemberState> = {}): MemberState => ({ status, source: 'invitation', hasProfile: status !== 'invited', ...extra });

  it('offers each status its own actions, and nothing else', () => {
    expect(memberActions(state('invited'))).toEqual(['resend', 'delete']);
    expect(memberActions(state('awaiting_approval', { source: 'join_link' }))).toEqual(['approve', 'reject']);
    expect(memberActions(state('active'))).toEqual(['dismiss', 'endSessions', 'unlockSignIn']);
    expect(memberActions(state('dismissed'))).toEqual(['rehire']);
    // A person who deleted their profile: the record stays, with nobody to bring back.
    expect(memberActions(state('dismissed', { hasProfile: false }))).toEqual([]);
  });

  it('refuses with a code that says what was refused', () => {
    expect(memberActionRefusal(state('active'), 'delete')).toBe('MEMBER_NOT_DELETABLE');
    expect(memberActionRefusal(state('awaiting_approval'), 'delete')).toBe('MEMBER_NOT_DELETABLE');
    expect(memberActionRefusal(state('invited'), 'dismiss')).toBe('MEMBER_NOT_DISMISSABLE');
    expect(memberActionRefusal(state('dismissed'), 'dismiss')).toBe('MEMBER_NOT_DISMISSABLE');
    expect(memberActionRefusal(state('active'), 'resend')).toBe('INVITATION_NOT_PENDING');
    expect(memberActionRefusal(state('invited', { source: 'registration' }), 'resend')).toBe('INVITATION_NOT_PENDING');
    expect(memberActionRefusal(state('active'), 'rehire')).toBe('NOT_FOUND');
    expect(memberActionRefusal(state('active', { hasProfile: false }), 'endSessions')).toBe('NOT_FOUND');
  });

  it('deletes exactly what the machine lets be deleted', () => {
    for (const status of MEMBER_STATUSES) expect(isDeletable(status)).toBe(memberActionRefusal(state(status), 'delete') === null);
  });
});

describe('sign-in at a workspace', () => {
  it('tells a stranger, a pending invitee and a dismissed member apart', () => {
    expect(signInRefusal(null)).toBe('NO_ACCESS');
    expect(signInRefusal({ role: 'employee', status: 'invited' })).toBe('NO_ACCESS');
    expect(signInRefusal({ role: 'employee', status: 'dismissed' })).toBe('MEMBER_DISMISSED');
    expect(signInRefusal({ role: 'employee', status: 'active' })).toBeNull();
  });

  it('keeps extranet guests out of the directory', () => {
    expect(canViewDirectory({ role: 'extranet', status: 'active' })).toBe(false);
    expect(canViewDirectory({ role: 'employee', status: 'active' })).toBe(true);
  });
});
