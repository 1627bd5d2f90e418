import { describe, expect, it } from 'vitest';
import { LOCALES } from '@gatehouse/domain';
import { MAIL_KINDS, renderMail, type MailParams } from './templates.ts';

const SAMPLE: MailParams = {
  invitation: { workspaceName: 'Acme', inviterName: 'Ada', message: 'Welcome <b>aboard</b>', link: 'http://localhost:3000/invitation#t', expiresAt: new Date('2026-12-01T00:00:00Z') },
  directory_added: { workspaceName: 'Acme', email: 'bob@acme.test', link: 'http://localhost:3000/signin?workspace=acme' },
  registration: { workspaceName: 'Acme', inviterName: 'Ada', email: 'bob@acme.test', password: 'Gen3rated-Pass', link: 'http://localhost:3000/signin', expiresAt: new Date('2026-12-08T00:00:00Z') },
  join_approved: { workspaceName: 'Acme', link: 'http://localhost:3000/signin' },
  email_verification: { link: 'http://localhost:3000/verify-email#t' },
  signup_existing: { signInLink: 'http://localhost:3000/signin', resetLink: 'http://localhost:3000/forgot-password' },
  password_reset: { link: 'http://localhost:3000/reset-password#t', expiresAt: new Date('2026-12-01T10:00:00Z') },
  password_changed: { when: new Date('2026-12-01T10:00:00Z'), resetLink: 'http://localhost:3000/forgot-password' },
  passkey_changed: { change: 'added', name: 'Work laptop', when: new Date('2026-12-01T10:00:00Z'), link: 'http://localhost:3000/security' },
  email_change_confirm: { newEmail: 'new@example.test', link: 'http://localhost:3000/confirm-email#t' },
  email_change_notice: { newEmail: 'new@example.test', resetLink: 'http://localhost:3000/forgot-password' },
  new_device: { device: 'Firefox 140 · Linux', address: '203.0.113.9', when: new Date('2026-12-01T10:00:00Z'), sessionsLink: 'http://localhost:3000/sessions' },
  two_factor_reset: { workspaceName: 'Acme', until: null, link: 'http://localhost:3000/security' },
  workspace_cleanup_warning: { workspaceName: 'Acme', daysLeft: 10, link: 'http://localhost:3000/signin' },
  recovery_decided: { workspaceName: 'Acme', approved: true, newAdminName: 'Ada', note: null, link: 'http://localhost:3000/workspaces' },
  recovery_filed: { workspaceName: 'Acme', requesterName: 'Rita', proposedName: 'Paul', statement: 'Our admin left in May.', until: new Date('2026-12-09T00:00:00Z'), link: 'http://localhost:3000/console/acme' },
  creator_offered: { workspaceName: 'Acme', creatorName: 'Ada', link: 'http://localhost:3000/console/acme' },
  recovery_refused: { workspaceName: 'Acme', adminName: 'Ada', proposedName: 'Paul', note: 'I am still here.', link: 'http://localhost:3000/workspaces' },
  invitation_code: { workspaceName: 'Acme', profileEmail: 'ada@other.test', code: '483920', expiresAt: new Date('2026-12-01T10:00:00Z') },
  join_existing: { workspaceName: 'Acme', signInLink: 'http://localhost:3000/signin', resetLink: 'http://localhost:3000/forgot-password' },
  two_factor_disabled: { when: new Date('2026-12-01T10:00:00Z'), link: 'http://localhost:3000/security' },
  recovery_code_used: { left: 7, link: 'http://localhost:3000/security' },
  security_policy_changed: { workspaceName: 'Acme', adminName: 'Ada', when: new Date('2026-12-01T10:00:00Z'), link: 'http://localhost:3000/console/acme/settings' },
  domain_released: { workspaceName: 'Acme', domain: 'acme.example', reason: 'Acme Corp proved it owns acme.example.', link: 'http://localhost:3000/console/acme/settings' },
  webhook_disabled: { workspaceName: 'Acme', url: 'https://hooks.acme.example/gatehouse', since: new Date('2026-12-01T10:00:00Z'), link: 'http://localhost:3000/console/acme/integrations' },
  sso_break_glass: { workspaceName: 'Acme', adminName: 'Ada', domain: 'acme.example', when: new Date('2026-12-01T10:00:00Z'), link: 'http://localhost:3000/console/acme/audit' },
  domain_unverified: { workspaceName: 'Acme', domain: 'acme.example', recordName: '_gatehouse-challenge.acme.example', link: 'http://localhost:3000/console/acme/settings' },
  profile_deleted: { when: new Date('2026-12-01T10:00:00Z'), workspaces: ['Acme', 'Beta'], signUpLink: 'http://localhost:3000/signup' },
  two_factor_required: { workspaceName: 'Acme', deadline: new Date('2026-12-15T10:00:00Z'), link: 'http://localhost:3000/security' },
  second_factor_failed: { when: new Date('2026-12-01T10:00:00Z'), address: '203.0.113.9', resetLink: 'http://localhost:3000/forgot-password' },
};

/** Mails that carry a code to type rather than a link to follow. */
const CODE_ONLY: ReadonlySet<string> = new Set(['invitation_code']);

describe('mail templates', () => {
  it('render every message in every language, translated, with what the reader needs to act', () => {
    for (const locale of LOCALES) {
      const subjects = new Set<string>();
      for (const kind of MAIL_KINDS) {
        const at = `${kind}/${locale}`;
        const params = SAMPLE[kind] as Record<string, unknown>;
        const mail = renderMail(kind, locale, params as never);
        // Nothing left unfilled, in either part.
        for (const part of [mail.subject, mail.text, mail.html]) expect(part, at).not.toMatch(/undefined|NaN|\[object |\{\{|\$\{/);
        // Each message says what it is about in its own words: no two kinds share a subject, and no translation is the English one.
        expect(subjects.has(mail.subject), `${at}: subject "${mail.subject}" is another kind's`).toBe(false);
        subjects.add(mail.subject);
        if (locale !== 'en') expect(mail.subject, at).not.toBe(renderMail(kind, 'en', params as never).subject);
        if (typeof params.workspaceName === 'string') expect(mail.text, at).toContain(params.workspaceName);
        if (CODE_ONLY.has(kind)) {
          expect(mail.text, at).toContain('483920');
          expect(mail.html, at).toContain('483920');
        } else {
          // The link to follow, in the text and as a real link in the HTML.
          const link = String(params.link ?? params.signInLink ?? params.signUpLink ?? params.sessionsLink ?? params.resetLink);
          expect(mail.text, at).toContain(link);
          expect(mail.html, at).toContain(`href="${link}"`);
        }
      }
    }
    expect(renderMail('invitation', 'de', SAMPLE.invitation).subject).toBe('Ada lädt Sie zu Acme ein');
  });

  it('escape what people typed in the HTML part and carry the generated password', () => {
    const invitation = renderMail('invitation', 'en', SAMPLE.invitation);
    expect(invitation.html).toContain('Welcome &lt;b&gt;aboard&lt;/b&gt;');
    expect(invitation.text).toContain('Welcome <b>aboard</b>');
    expect(renderMail('registration', 'it', SAMPLE.registration).text).toContain('Gen3rated-Pass');
    // An address someone typed stays text; only the product's own links are links.
    const typed = renderMail('invitation', 'en', { ...SAMPLE.invitation, message: 'See http://elsewhere.test/login' });
    expect(typed.html).toContain('See http://elsewhere.test/login');
    expect(typed.html).not.toContain('href="http://elsewhere.test');
  });
});
