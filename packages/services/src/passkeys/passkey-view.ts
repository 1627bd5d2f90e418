import type { Passkey } from '@gatehouse/db';

/** A passkey as its owner sees it listed. */
export interface PasskeyView {
  id: string;
  name: string;
  /** Synced between the person's devices (a platform passkey), or bound to one authenticator. */
  synced: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  /** Refused since its counter went backwards: it may have been copied. */
  suspectedClone: boolean;
}

export function passkeyView(passkey: Passkey): PasskeyView {
  return {
    id: passkey.id,
    name: passkey.name,
    synced: passkey.deviceType === 'multiDevice',
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt?.toISOString() ?? null,
    suspectedClone: passkey.suspectedCloneAt != null,
  };
}
