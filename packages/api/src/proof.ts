import type { AuthenticationResponseJSON, Proof } from '@gatehouse/services';
import type { z } from 'zod';
import type { PasskeyProof } from './schemas.ts';

/** The confirmation fields of an input as the services take them. */
export function proofOf(input: { password?: string | undefined; code?: string | undefined; passkey?: z.infer<typeof PasskeyProof> | undefined }): Proof {
  return {
    password: input.password,
    code: input.code,
    ...(input.passkey ? { passkey: { ceremonyId: input.passkey.ceremonyId, response: input.passkey.response as AuthenticationResponseJSON } } : {}),
  };
}
