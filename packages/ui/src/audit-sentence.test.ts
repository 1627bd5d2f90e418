import { describe, expect, it } from 'vitest';
import { auditSentence, type Translator } from './audit-sentence.ts';
import { sharedMessages } from './i18n/index.ts';

/** The shared messages, with one event's sentence as an app would add it; `{name}` placeholders filled as vue-i18n does. */
function translator(locale: keyof typeof sharedMessages): Translator {
  const messages = { ...sharedMessages[locale], events: { sso_connection: { updated: '{actor}: {changes}' } } } as Record<string, unknown>;
  const t = (key: string, params: Record<string, unknown> = {}) => {
    const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    return typeof found === 'string' ? found.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : key;
  };
  return { t, d: (value) => value.toISOString() };
}

describe('audit sentences', () => {
  it('name every field a single sign-on connection’s change can carry, in each language', () => {
    const event = {
      action: 'sso_connection.updated',
      actor: { name: 'Ada' },
      details: {
        name: 'Entra ID',
        enabled: { from: true, to: false },
        samlEntityId: { from: 'https://old.example/idp', to: 'https://new.example/idp' },
        samlSsoUrl: { from: 'https://old.example/sso', to: 'https://new.example/sso' },
        samlAllowIdpInitiated: { from: false, to: true },
        certificates: { from: 'AA:BB', to: 'AA:BB, CC:DD' },
        roleMappings: { from: [], to: [{ value: 'Gatehouse-Admins', role: 'admin' }, { value: 'Partners', role: 'extranet' }] },
      },
    };
    for (const locale of ['en', 'fr', 'de', 'it'] as const) {
      const sentence = auditSentence(event, 'events', translator(locale));
      expect(sentence, locale).not.toContain('auditFields.');
      expect(sentence, locale).not.toContain('[object Object]');
      expect(sentence, locale).toContain('https://new.example/idp');
    }
    expect(auditSentence(event, 'events', translator('en'))).toBe(
      'Ada: Switched on: on → off; Directory identifier: https://old.example/idp → https://new.example/idp; Directory sign-in URL: https://old.example/sso → https://new.example/sso; Sign-in started from the directory: off → on; Signing certificates: AA:BB → AA:BB, CC:DD; Roles from the directory: none → Gatehouse-Admins gives Administrator, Partners gives Extranet',
    );
  });
});
