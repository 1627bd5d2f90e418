import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts small secrets at rest (the TOTP key) with AES-256-GCM under a key
 * derived from the server key with HKDF (RFC 5869) for this one purpose.
 * Format: base64url(iv ‖ tag ‖ ciphertext).
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(appSecret: Uint8Array, purpose: string) {
    this.#key = Buffer.from(hkdfSync('sha256', appSecret, Buffer.alloc(0), `gatehouse:${purpose}`, 32));
  }

  seal(plain: Uint8Array): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  open(sealed: string): Uint8Array {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
  }
}
