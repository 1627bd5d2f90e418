import { describe, expect, it } from 'vitest';
import { LOCALES } from '@gatehouse/domain';
import { MAIL_KINDS, renderMail, type MailParams } from './templates.ts';

const SAMPLE: MailParams = {
  invitation: { workspaceName: 'Acme', inviterName: 'Ada', message: 'Welcome <b>aboard</b>', link: 'http://localhost:3000/invitation#t', expiresAt: new Date('2026-12-01T00:00:00Z') },
  registration: { workspaceName: 'Acme', inviterName: 'Ada', email: 'bob@acme.test', password: 'Gen3rated-Pass', link: 'http://localhost:3000/signin', expiresAt: new Date('2026-12-08T00:00:00Z') },
  join_approved: { workspaceName: 'Acme', link: 'http://localhost:3000/signin' },
  email_verification: { link: 'http://localhost:3000/verify-email#t' },
  signup_existing: { signInLink: 'http://localhost:3000/signin', resetLink: 'http://localhost:3000/forgot-password' },
  password_reset: { link: 'http://localhost:3000/reset-password#t', expiresAt: new Date('2026-12-01T10:00:00Z') },
  password_changed: { when: new Date('2026-12-01T10:00:00Z'), resetLink: 'http://localhost:3000/forgot-password' },
  email_change_confirm: { newEmail: 'new@example.test', link: 'http://localhost:3000/confirm-email#t' },
  email_change_notice: { newEmail: 'new@example.test', resetLink: 'http://localhost:3000/forgot-password' },
  new_device: { device: 'Firefox 140 · Linux', address: '203.0.113.9', when: new Date('2026-12-01T10:00:00Z'), sessionsLink: 'http://localhost:3000/sessions' },
  two_factor_reset: { workspaceName: 'Acme', until: null, link: 'http://localhost:3000/security' },
  workspace_cleanup_warning: { workspaceName: 'Acme', daysLeft: 10, link: 'http://localhost:3000/signin' },
  recovery_decided: { workspaceName: 'Acme', approved: true, newAdminName: 'Ada', note: null, link: 'http://localhost:3000/workspaces' },
  invitation_code: { workspaceName: 'Acme', profileEmail: 'ada@other.test', code: '483920', expiresAt: new Date('2026-12-01T10:00:00Z') },
  join_existing: { workspaceName: 'Acme', signInLink: 'http://localhost:3000/signin', resetLink: 'http://localhost:3000/forgot-password' },
  two_factor_disabled: { when: new Date('2026-12-01T10:00:00Z'), link: 'http://localhost:3000/security' },
  recovery_code_used: { left: 7, link: 'http://localhost:3000/security' },
  second_factor_failed: { when: new Date('2026-12-01T10:00:00Z'), address: '203.0.113.9', resetLink: 'http://localhost:3000/forgot-password' },
};

/** Mails that carry a code to type rather than a link to follow. */
const CODE_ONLY: ReadonlySet<string> = new Set(['invitation_code']);

describe('mail templates', () => {
  it('render every message in every language with its link', () => {
    for (const locale of LOCALES) {
      for (const kind of MAIL_KINDS) {
        const mail = renderMail(kind, locale, SAMPLE[kind] as never);
        expect(mail.subject.length, `${kind}/${locale}`).toBeGreaterThan(5);
        if (CODE_ONLY.has(kind)) expect(mail.text).toContain('483920');
        else expect(mail.text).toContain('http://localhost:3000/');
      }
    }
    expect(renderMail('invitation', 'de', SAMPLE.invitation).subject).toBe('Ada lädt Sie zu Acme ein');
  });

  it('escape what people typed in the HTML part and carry the generated password', () => {
    const invitation = renderMail('invitation', 'en', SAMPLE.invitation);
    expect(invitation.html).toContain('Welcome &lt;b&gt;aboard&lt;/b&gt;');
    expect(invitation.text).toContain('Welcome <b>aboard</b>');
    expect(renderMail('registration', 'it', SAMPLE.registration).text).toContain('Gen3rated-Pass');
  });
});
