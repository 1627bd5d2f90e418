import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('readEnv', () => {
  it('keeps few connections to PostgreSQL unless told otherwise, and refuses a pool too small to work', () => {
    expect(readEnv({}).databasePoolSize).toBe(Math.max(4, 2 * availableParallelism()));
    expect(readEnv({ DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
    expect(() => readEnv({ DATABASE_POOL_SIZE: '1' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('reads every lifetime as a duration, defaulting to the product’s rules, and refuses one it cannot read', () => {
    const defaults = readEnv({});
    expect(defaults.lifetimes).toEqual({ resetLinkMs: 3_600_000, emailChangeLinkMs: 86_400_000, emailVerificationLinkMs: 86_400_000, invitationMs: 7 * 86_400_000, invitationCodeMs: 900_000, temporaryPasswordMs: 7 * 86_400_000 });
    expect(defaults.browserSessionMaxMs).toBe(12 * 3_600_000);
    const tuned = readEnv({ RESET_LINK_LIFETIME: '90s', INVITATION_LIFETIME: '2d', BROWSER_SESSION_MAX_LIFETIME: '8h' });
    expect(tuned.lifetimes.resetLinkMs).toBe(90_000);
    expect(tuned.lifetimes.invitationMs).toBe(2 * 86_400_000);
    expect(tuned.browserSessionMaxMs).toBe(8 * 3_600_000);
    expect(() => readEnv({ RESET_LINK_LIFETIME: 'an hour' })).toThrow(/RESET_LINK_LIFETIME/);
    expect(() => readEnv({ INVITATION_LIFETIME: '0d' })).toThrow(/INVITATION_LIFETIME/);
  });
});
