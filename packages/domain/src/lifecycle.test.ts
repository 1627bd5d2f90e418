import { describe, expect, it } from 'vitest';
import { cleanupStep, sniffLetterType } from './lifecycle.ts';

const DAY = 86_400_000;
const now = new Date('2026-06-01T12:00:00Z');
const silentFor = (days: number) => new Date(now.getTime() - days * DAY);

describe('abandoned-workspace cleanup', () => {
  it('warns free workspaces at 40 and 47 silent days and deletes them at 50', () => {
    expect(cleanupStep({ plan: 'free', lastSignInAt: silentFor(39), cleanupWarningsSent: 0 }, now)).toBeNull();
    expect(cleanupStep({ plan: 'free', lastSignInAt: silentFor(40), cleanupWarningsSent: 0 }, now)).toEqual({ kind: 'warn', warning: 1, daysLeft: 10 });
    expect(cleanupStep({ plan: 'free', lastSignInAt: silentFor(45), cleanupWarningsSent: 1 }, now)).toBeNull();
    expect(cleanupStep({ plan: 'free', lastSignInAt: silentFor(47), cleanupWarningsSent: 1 }, now)).toEqual({ kind: 'warn', warning: 2, daysLeft: 3 });
    expect(cleanupStep({ plan: 'free', lastSignInAt: silentFor(50), cleanupWarningsSent: 2 }, now)).toEqual({ kind: 'delete' });
  });

  it('never touches a paid workspace', () => {
    expect(cleanupStep({ plan: 'standard', lastSignInAt: silentFor(400), cleanupWarningsSent: 0 }, now)).toBeNull();
  });
});

describe('recovery letters', () => {
  it('recognise PDF, PNG and JPEG by their bytes and nothing else', () => {
    expect(sniffLetterType(new TextEncoder().encode('%PDF-1.7 ...'))).toBe('application/pdf');
    expect(sniffLetterType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffLetterType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffLetterType(new TextEncoder().encode('<html>'))).toBeNull();
  });
});
