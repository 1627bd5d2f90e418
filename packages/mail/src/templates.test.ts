import { describe, expect, it } from 'vitest';
import { LOCALES } from '@gatehouse/domain';
import { MAIL_KINDS, renderMail, type MailParams } from './templates.ts';

const SAMPLE: MailParams = {
  invitation: { workspaceName: 'Acme', inviterName: 'Ada', message: 'Welcome <b>aboard</b>', link: 'http://localhost:3000/invitation#t', expiresAt: new Date('2026-12-01T00:00:00Z') },
  registration: { workspaceName: 'Acme', inviterName: 'Ada', email: 'bob@acme.test', password: 'Gen3rated-Pass', link: 'http://localhost:3000/signin' },
  join_approved: { workspaceName: 'Acme', link: 'http://localhost:3000/signin' },
  email_verification: { link: 'http://localhost:3000/verify-email#t' },
};

describe('mail templates', () => {
  it('render every message in every language with its link', () => {
    for (const locale of LOCALES) {
      for (const kind of MAIL_KINDS) {
        const mail = renderMail(kind, locale, SAMPLE[kind] as never);
        expect(mail.subject.length, `${kind}/${locale}`).toBeGreaterThan(5);
        expect(mail.text).toContain('http://localhost:3000/');
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
