import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { SecretBox } from '@gatehouse/auth';
import { lockSigningKeys, SIGNING_KEY_ALGORITHMS, SigningKey, type EntityManager } from '@gatehouse/db';

type Algorithm = (typeof SIGNING_KEY_ALGORITHMS)[number];

/** A private signing key as the provider takes it (a JWK with its `kid`, `alg` and `use`). */
export interface SigningJwk extends Record<string, unknown> {
  kid: string;
  alg: Algorithm;
  use: 'sig';
}

const sealerOf = (appSecret: Uint8Array) => new SecretBox(appSecret, 'oidc-signing-keys');

function newKey(alg: Algorithm): { kid: string; jwk: Record<string, unknown> } {
  const pair = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomBytes(16).toString('base64url'), jwk: pair.privateKey.export({ format: 'jwk' }) as Record<string, unknown> };
}

function createKey(em: EntityManager, appSecret: Uint8Array, alg: Algorithm): SigningKey {
  const { kid, jwk } = newKey(alg);
  return em.create(SigningKey, { id: kid, alg, privateJwkSealed: sealerOf(appSecret).seal(new TextEncoder().encode(JSON.stringify(jwk))), retiredAt: null, publishedUntil: null });
}

/** On start: a signing key of each algorithm exists, made now if not; two processes starting together make one each, not two. */
export async function ensureSigningKeys(options: { em: EntityManager; appSecret: Uint8Array }): Promise<string[]> {
  return options.em.transactional(async (em) => {
    await lockSigningKeys(em);
    const active = await em.find(SigningKey, { retiredAt: null });
    const missing = SIGNING_KEY_ALGORITHMS.filter((alg) => !active.some((key) => key.alg === alg));
    const created = missing.map((alg) => createKey(em, options.appSecret, alg));
    await em.flush();
    return created.map((key) => key.id);
  });
}

/**
 * New keys sign from now on; the old ones stop signing at once and stay
 * published for `keepPublishedMs` (the longest lifetime of a token they
 * signed), so tokens already out keep verifying until they expire.
 */
export async function rotateSigningKeys(options: { em: EntityManager; appSecret: Uint8Array; keepPublishedMs: number; now?: Date }): Promise<{ retired: string[]; created: string[] }> {
  const now = options.now ?? new Date();
  return options.em.transactional(async (em) => {
    await lockSigningKeys(em);
    const active = await em.find(SigningKey, { retiredAt: null });
    for (const key of active) {
      key.retiredAt = now;
      key.publishedUntil = new Date(now.getTime() + options.keepPublishedMs);
    }
    const created = SIGNING_KEY_ALGORITHMS.map((alg) => createKey(em, options.appSecret, alg));
    await em.flush();
    return { retired: active.map((key) => key.id), created: created.map((key) => key.id) };
  });
}

/**
 * The keys the provider holds, signing keys first (it signs with the first
 * of each algorithm), then the retired ones still published; a retired key
 * past its time is left out.
 */
export async function signingJwks(options: { em: EntityManager; appSecret: Uint8Array; now?: Date }): Promise<SigningJwk[]> {
  const now = options.now ?? new Date();
  const keys = await options.em.find(SigningKey, { $or: [{ retiredAt: null }, { publishedUntil: { $gt: now } }] }, { populate: ['privateJwkSealed'], orderBy: { createdAt: 'desc' } });
  const sealer = sealerOf(options.appSecret);
  const signing = (key: SigningKey) => (key.retiredAt === null ? 0 : 1);
  return keys
    .sort((a, b) => signing(a) - signing(b))
    .map((key) => ({ ...(JSON.parse(new TextDecoder().decode(sealer.open(key.privateJwkSealed))) as Record<string, unknown>), kid: key.id, alg: key.alg, use: 'sig' as const }));
}
