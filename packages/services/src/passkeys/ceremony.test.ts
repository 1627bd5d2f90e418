import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { PASSKEY_CHALLENGE_TTL_MS } from '@gatehouse/domain';
import { readCeremony, startCeremony } from './ceremony.ts';

// Only the deployment's key matters to a ceremony's id.
const deployment = { appSecret: new Uint8Array(randomBytes(32)) };
const another = { appSecret: new Uint8Array(randomBytes(32)) };
const person = '0b6f5a5e-43c8-4c8e-9a53-5b1c8f1d2e3a';
const code = (run: () => unknown) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

afterEach(() => vi.useRealTimers());

describe('a passkey ceremony’s signed id', () => {
  it('carries its challenge back to the deployment that started it, for its purpose and person only', () => {
    const id = startCeremony(deployment, { challenge: 'the-challenge', purpose: 'confirm', profileId: person });
    expect(readCeremony(deployment, { id, purpose: 'confirm', profileId: person })).toMatchObject({ challenge: 'the-challenge', purpose: 'confirm', profileId: person });
    expect(code(() => readCeremony(deployment, { id, purpose: 'sign_in', profileId: person }))).toBe('PASSKEY_INVALID');
    expect(code(() => readCeremony(deployment, { id, purpose: 'confirm', profileId: null }))).toBe('PASSKEY_INVALID');
    expect(code(() => readCeremony(another, { id, purpose: 'confirm', profileId: person }))).toBe('PASSKEY_INVALID');
  });

  it('refuses an id whose ceremony was changed, and one past its time', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const id = startCeremony(deployment, { challenge: 'mine', purpose: 'sign_in', profileId: null });
    const [payload, mac] = id.split('.') as [string, string];
    const changed = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('mine', 'evil')).toString('base64url');
    expect(code(() => readCeremony(deployment, { id: `${changed}.${mac}`, purpose: 'sign_in', profileId: null }))).toBe('PASSKEY_INVALID');
    expect(code(() => readCeremony(deployment, { id: payload, purpose: 'sign_in', profileId: null }))).toBe('PASSKEY_INVALID');
    vi.setSystemTime(Date.now() + PASSKEY_CHALLENGE_TTL_MS + 1);
    expect(code(() => readCeremony(deployment, { id, purpose: 'sign_in', profileId: null }))).toBe('PASSKEY_INVALID');
  });
});
