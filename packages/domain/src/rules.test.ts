import { describe, expect, it } from 'vitest';
import { isPlausibleEmail, normalizeEmail } from './email.ts';
import { AppError, APP_CODES, describeError } from './errors.ts';
import { LOCALES, negotiateLocale } from './locale.ts';
import { checkPassword } from './password-policy.ts';
import { checkSlug, slugFromName } from './slug.ts';
import { auditRetentionDaysOf } from './plans.ts';
import { isActivityWriteDue, isSessionExpired, sessionExpiresAt } from './session-policy.ts';

describe('emails', () => {
  it('treats case, surrounding spaces and Unicode forms as the same address', () => {
    expect(normalizeEmail('  Anna@Example.COM ')).toBe('anna@example.com');
    expect(normalizeEmail('jose\u0301@example.com')).toBe(normalizeEmail('jos\u00e9@example.com'));
    expect(isPlausibleEmail('anna@example.com')).toBe(true);
    expect(isPlausibleEmail('anna@example')).toBe(false);
    expect(isPlausibleEmail('an na@example.com')).toBe(false);
  });
});

describe('passwords (NIST SP 800-63B-4)', () => {
  it('asks for 15 characters, counts code points and sets no composition rule', () => {
    expect(checkPassword('a'.repeat(14))).toBe('too_short');
    expect(checkPassword('correct horse b')).toBeNull();
    expect(checkPassword('😀'.repeat(15))).toBeNull();
    expect(checkPassword('a'.repeat(257))).toBe('too_long');
  });
});

describe('workspace addresses', () => {
  it('accepts simple addresses and refuses reserved or malformed ones', () => {
    expect(checkSlug('acme')).toBeNull();
    expect(checkSlug('ac')).toBe('length');
    expect(checkSlug('-acme')).toBe('characters');
    expect(checkSlug('acme--co')).toBe('characters');
    expect(checkSlug('Acme')).toBe('characters');
    expect(checkSlug('console')).toBe('reserved');
    expect(slugFromName('Café & Co.')).toBe('cafe-co');
  });
});

describe('sessions', () => {
  const start = new Date('2026-01-01T10:00:00Z');

  it('ends a browser session after 24 idle minutes', () => {
    const session = { client: 'browser' as const, createdAt: start, lastActiveAt: start };
    expect(isSessionExpired(session, new Date(start.getTime() + 23 * 60_000))).toBe(false);
    expect(isSessionExpired(session, new Date(start.getTime() + 24 * 60_000))).toBe(true);
  });

  it('caps a browser session that stays busy at 12 hours', () => {
    const lastActiveAt = new Date(start.getTime() + 12 * 3600_000 - 60_000);
    const session = { client: 'browser' as const, createdAt: start, lastActiveAt };
    expect(sessionExpiresAt(session).getTime()).toBe(start.getTime() + 12 * 3600_000);
  });

  it('keeps a desktop session alive for weeks without use', () => {
    const session = { client: 'desktop' as const, createdAt: start, lastActiveAt: start };
    expect(isSessionExpired(session, new Date(start.getTime() + 20 * 86_400_000))).toBe(false);
  });

  it('honours a shorter idle time set by the workspace', () => {
    const session = { client: 'browser' as const, createdAt: start, lastActiveAt: start, idleMinutes: 10 };
    expect(isSessionExpired(session, new Date(start.getTime() + 10 * 60_000))).toBe(true);
  });

  it('writes activity at most once a minute', () => {
    expect(isActivityWriteDue(start, new Date(start.getTime() + 59_000))).toBe(false);
    expect(isActivityWriteDue(start, new Date(start.getTime() + 60_000))).toBe(true);
  });
});

describe('error catalogue', () => {
  it('has a message for every code in every language', () => {
    for (const locale of LOCALES) {
      for (const code of APP_CODES) {
        expect(describeError(code, {}, locale).length, `${code} in ${locale}`).toBeGreaterThan(5);
      }
    }
  });

  it('words the seeds’ errors the way the help centre does', () => {
    expect(describeError('INVALID_CREDENTIALS', {}, 'de')).toBe('Ungültiger Benutzername oder falsches Passwort.');
    expect(describeError('MEMBER_HAS_TASKS', { taskCount: 2 }, 'en')).toBe('The user has not been deleted: delete their 2 tasks first.');
    expect(describeError('MEMBER_HAS_TASKS', { taskCount: 1 }, 'en')).toBe('The user has not been deleted: delete their task first.');
    expect(describeError('MEMBER_HAS_TASKS', { taskCount: 1 }, 'fr')).toBe('L’utilisateur n’a pas été supprimé : supprimez d’abord sa tâche.');
    expect(new AppError('RATE_LIMITED', { retryAfterSeconds: 30 }).message).toContain('30 seconds');
  });

  it('negotiates the language from Accept-Language', () => {
    expect(negotiateLocale('fr-CH, fr;q=0.9, en;q=0.8')).toBe('fr');
    expect(negotiateLocale('ja, it;q=0.5')).toBe('it');
    expect(negotiateLocale('ja')).toBeUndefined();
    expect(negotiateLocale(undefined)).toBeUndefined();
  });
});

describe('audit retention', () => {
  it('keeps a paid plan’s trail forever and a free one’s a year, the admins’ choice shortening either but never lengthening a free year', () => {
    expect(auditRetentionDaysOf('standard', null)).toBeNull();
    expect(auditRetentionDaysOf('enterprise', 3650)).toBe(3650);
    expect(auditRetentionDaysOf('free', null)).toBe(365);
    expect(auditRetentionDaysOf('free', 90)).toBe(90);
    expect(auditRetentionDaysOf('free', 1825)).toBe(365);
  });
});

describe('a refusal to delete a profile', () => {
  it('names every workspace that holds the person back, and why, in the reader’s language', () => {
    const blockers = [
      { workspace: 'Acme', as: 'creator' as const },
      { workspace: 'Beta', as: 'last_admin' as const },
    ];
    expect(describeError('PROFILE_NOT_DELETABLE', { blockers }, 'en')).toContain('you are the creator of Acme and you are the last administrator of Beta');
    expect(describeError('PROFILE_NOT_DELETABLE', { blockers }, 'de')).toContain('Sie sind der Ersteller von Acme und Sie sind der letzte Administrator von Beta');
  });
});
