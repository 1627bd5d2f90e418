import type { ApiKey } from '@gatehouse/db';
import type { ApiKeyRole } from '@gatehouse/domain';

/** A key as the console lists it: never the key itself. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: ApiKeyRole;
  /** The key's first characters (`gh_ab12cd`), to tell it apart from others. */
  hint: string;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  createdBy: { profileId: string; name: string } | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function apiKeyStatus(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now = new Date()): ApiKeyView['status'] {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function apiKeyView(key: ApiKey, creatorName: string | null): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    hint: key.hint,
    status: apiKeyStatus(key),
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy ? { profileId: key.createdBy.id, name: creatorName ?? '—' } : null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
