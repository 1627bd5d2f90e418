import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_GROUPS, fieldChanges, SECURITY_ACTIONS } from './audit-actions.ts';

describe('the audit trail’s actions', () => {
  it('show a person their sign-ins and what changed how they sign in, not membership events', () => {
    expect(SECURITY_ACTIONS).toContain('sign_in.succeeded');
    expect(SECURITY_ACTIONS).toContain('two_factor.reset_by_admin');
    expect(SECURITY_ACTIONS).toContain('member.sessions_ended');
    expect(SECURITY_ACTIONS).not.toContain('member.invited');
    expect(SECURITY_ACTIONS).not.toContain('workspace.settings_changed');
    expect(AUDIT_ACTION_GROUPS).toEqual(expect.arrayContaining(['member', 'sign_in', 'recovery']));
  });

  it('record only the fields that changed, each from → to', () => {
    expect(fieldChanges({ a: 1, b: ['x'], c: null }, { a: 1, b: ['x', 'y'], c: 'z' }, ['a', 'b', 'c'])).toEqual({ b: { from: ['x'], to: ['x', 'y'] }, c: { from: null, to: 'z' } });
  });
});
