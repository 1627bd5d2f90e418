import { describe, expect, it } from 'vitest';
import { safeNext } from './social.ts';

const PUBLIC_URL = new URL('https://id.example.com');

describe('where a social sign-in returns to', () => {
  it('keeps a path of the product itself, query and fragment included', () => {
    expect(safeNext('/workspaces', PUBLIC_URL)).toBe('/workspaces');
    expect(safeNext('/console/acme/members?status=invited#top', PUBLIC_URL)).toBe('/console/acme/members?status=invited#top');
    expect(safeNext('/a/../b', PUBLIC_URL)).toBe('/b');
  });

  it('refuses every spelling browsers resolve to another host', () => {
    for (const next of ['/\\evil.example', '//evil.example', '/\\/evil.example', '\\\\evil.example', 'https://evil.example/', '/\t/evil.example', '/%0d%0aSet-Cookie:x', 'javascript:alert(1)', '', 42, null]) {
      const target = safeNext(next, PUBLIC_URL);
      expect(new URL(target, PUBLIC_URL).origin, JSON.stringify(next)).toBe(PUBLIC_URL.origin);
      expect(target.startsWith('//'), JSON.stringify(next)).toBe(false);
    }
    expect(safeNext('/\\evil.example', PUBLIC_URL)).toBe('/workspaces');
  });
});
