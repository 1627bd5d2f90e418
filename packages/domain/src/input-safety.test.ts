import { describe, expect, it } from 'vitest';
import { clientAddressKey } from './client-address.ts';
import { isPlausibleEmail, normalizeEmail } from './email.ts';
import { hasForbiddenCharacters, withoutForbiddenCharacters } from './text.ts';

describe('client addresses as rate limits count them', () => {
  it('gives one host one key however its address is spelt', () => {
    expect(clientAddressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientAddressKey('::FFFF:c000:0207')).toBe('192.0.2.7');
    expect(clientAddressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientAddressKey('2001:DB8::1')).toBe(clientAddressKey('2001:0db8:0000:0000:0000:0000:0000:0001'));
    expect(clientAddressKey('[2001:db8::1]')).toBe(clientAddressKey('2001:db8::1'));
  });

  it('counts a whole IPv6 /64 as one client, and another /64 apart', () => {
    expect(clientAddressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(clientAddressKey('2001:db8:1:2::1'));
    expect(clientAddressKey(null)).toBe('unknown');
  });
});

describe('email addresses', () => {
  it('stores international domains in their ASCII form', () => {
    expect(normalizeEmail('Anna@Bücher.DE')).toBe('anna@xn--bcher-kva.de');
    expect(isPlausibleEmail(normalizeEmail('anna@bücher.de'))).toBe(true);
  });

  it('refuses what a mail server would refuse, and invisible or look-alike characters', () => {
    for (const address of ['<script>.x@example.com', 'a..b@example.com', '.a@example.com', 'a@-example.com', 'a@example.123', 'a@localhost', '"a b"@example.com', `${'a'.repeat(65)}@example.com`]) {
      expect(isPlausibleEmail(normalizeEmail(address)), address).toBe(false);
    }
    for (const address of ['an\u200bna@example.com', 'anna\u202e@example.com', 'аnna@example.com', 'anna@exam\u0000ple.com']) {
      expect(isPlausibleEmail(normalizeEmail(address)), JSON.stringify(address)).toBe(false);
    }
    expect(isPlausibleEmail('first.last+tag@mail.example.co.uk')).toBe(true);
  });
});

describe('text fields', () => {
  it('refuses controls, NUL, bidirectional overrides and zero-width characters', () => {
    for (const text of ['Ada\u0000', 'Ada\u0007', 'Ada\u202eecila', 'A\u200bda', 'Ada\r\nBcc: x', 'Ada\u2066']) expect(hasForbiddenCharacters(text), JSON.stringify(text)).toBe(true);
    expect(hasForbiddenCharacters('Ada Lovelace – Zoë Ñandú 李')).toBe(false);
    expect(hasForbiddenCharacters('line one\nline two\ttab', { multiline: true })).toBe(false);
    expect(hasForbiddenCharacters('line one\nline two')).toBe(true);
  });
});

describe('names from elsewhere', () => {
  it('drops what a stored name must not hold, keeping the rest', () => {
    expect(withoutForbiddenCharacters('Ada\u202e Love\u200blace\r\n')).toBe('Ada Love lace');
    expect(withoutForbiddenCharacters('Zoë Ñandú')).toBe('Zoë Ñandú');
  });
});
