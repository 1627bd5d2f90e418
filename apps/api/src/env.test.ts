import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('readEnv', () => {
  it('keeps few connections to PostgreSQL unless told otherwise, and refuses a pool too small to work', () => {
    expect(readEnv({}).databasePoolSize).toBe(Math.max(4, 2 * availableParallelism()));
    expect(readEnv({ DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
    expect(() => readEnv({ DATABASE_POOL_SIZE: '1' })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
