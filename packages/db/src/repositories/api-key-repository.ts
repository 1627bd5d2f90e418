import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApiKeyRole } from '@gatehouse/domain';
import { queryPrepared } from '../sql.ts';

/** What a request with an API key needs to know of it, read in one indexed query. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: ApiKeyRole;
  workspaceId: string;
  workspaceSlug: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const FIND_API_KEY_SQL = `
  select k.id, k.name, k.role, k.workspace_id as "workspaceId", w.slug as "workspaceSlug",
         k.expires_at as "expiresAt", k.revoked_at as "revokedAt", k.last_used_at as "lastUsedAt"
    from api_key k join workspace w on w.id = k.workspace_id
   where k.secret_hash = $1`;

type ApiKeyRow = Omit<ApiKeyRecord, 'expiresAt' | 'revokedAt' | 'lastUsedAt'> & { expiresAt: string | Date | null; revokedAt: string | Date | null; lastUsedAt: string | Date | null };

/** The ORM's pool hands timestamps over as text. */
const dateOf = (value: string | Date | null) => (value === null ? null : new Date(value));

export async function findApiKeyByHash(em: EntityManager, secretHash: string): Promise<ApiKeyRecord | null> {
  const [row] = await queryPrepared<ApiKeyRow>(em, 'gatehouse_find_api_key', FIND_API_KEY_SQL, [secretHash]);
  return row ? { ...row, expiresAt: dateOf(row.expiresAt), revokedAt: dateOf(row.revokedAt), lastUsedAt: dateOf(row.lastUsedAt) } : null;
}

/** Notes the key's use, at most once a minute: the list's "last used" needs no finer clock than that. */
export async function touchApiKey(em: EntityManager, id: string, now = new Date()): Promise<void> {
  await queryPrepared(em, 'gatehouse_touch_api_key', `update api_key set last_used_at = $2 where id = $1 and (last_used_at is null or last_used_at < $2::timestamptz - interval '1 minute')`, [id, now]);
}
