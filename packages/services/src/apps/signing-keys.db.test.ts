import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SigningKey } from '@gatehouse/db';
import { useTestDatabase } from '@gatehouse/db/testing';
import { ensureSigningKeys, rotateSigningKeys, signingJwks } from './signing-keys.ts';

const db = useTestDatabase();
const appSecret = new TextEncoder().encode('a test server key of enough length for HKDF');
const HOUR = 3_600_000;

describe('the provider’s signing keys', () => {
  it('are made once on first start, one per algorithm, even when two processes start together, and sealed at rest', async () => {
    const [first, second] = await Promise.all([ensureSigningKeys({ em: db.orm.em.fork(), appSecret }), ensureSigningKeys({ em: db.orm.em.fork(), appSecret })]);
    expect([...first!, ...second!]).toHaveLength(2);
    expect(await ensureSigningKeys({ em: db.orm.em.fork(), appSecret })).toEqual([]);
    const jwks = await signingJwks({ em: db.orm.em.fork(), appSecret });
    expect(jwks.map((key) => key.alg).sort()).toEqual(['ES256', 'RS256']);

    const stored = await db.orm.em.fork().find(SigningKey, {}, { populate: ['privateJwkSealed'] });
    for (const key of stored) expect(key.privateJwkSealed).not.toContain(String(jwks.find((jwk) => jwk.kid === key.id)!.d));
    // The wrong server key opens nothing.
    await expect(signingJwks({ em: db.orm.em.fork(), appSecret: new TextEncoder().encode('another server key entirely, also long') })).rejects.toThrow();
  });

  it('rotate: the new keys sign at once, the old ones still verify until their tokens expired, then leave the JWKS', async () => {
    await ensureSigningKeys({ em: db.orm.em.fork(), appSecret });
    const before = await signingJwks({ em: db.orm.em.fork(), appSecret });
    const oldEc = before.find((key) => key.alg === 'ES256')!;
    const token = sign('sha256', Buffer.from('a token'), createPrivateKey({ key: oldEc, format: 'jwk' }));

    const now = new Date();
    const { retired, created } = await rotateSigningKeys({ em: db.orm.em.fork(), appSecret, keepPublishedMs: HOUR, now });
    expect(retired).toContain(oldEc.kid);
    const after = await signingJwks({ em: db.orm.em.fork(), appSecret, now });
    // Signing keys come first (the provider signs with the first of each algorithm), the retired ones after.
    expect(after.slice(0, 2).map((key) => key.kid).sort()).toEqual([...created].sort());
    const published = after.find((key) => key.kid === oldEc.kid)!;
    expect(verify('sha256', Buffer.from('a token'), createPublicKey({ key: published, format: 'jwk' }), token)).toBe(true);

    const later = await signingJwks({ em: db.orm.em.fork(), appSecret, now: new Date(now.getTime() + HOUR + 1000) });
    expect(later.map((key) => key.kid)).not.toContain(oldEc.kid);
    expect(later.map((key) => key.kid).sort()).toEqual([...created].sort());
  });
});
