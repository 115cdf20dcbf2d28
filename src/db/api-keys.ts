/** API keys as the API sees them: looked up by hash, with their scopes and writable regions. */
import {
  bearerKey,
  constantTimeEqual,
  hashKey,
  isScope,
  KEY_PATTERN,
  type Scope,
} from '../lib/api-keys';
import { ROWS_PER_JSON_KEY } from './bound-keys';
import { type Db, WRITE } from './client';

export interface ApiKey {
  id: number;
  name: string;
  scopes: Scope[];
  /** the regions the key may write, each with everything below it */
  regionIds: number[];
  revoked: boolean;
}

/** The key whose hash is `keyHash`, revoked or not; null when there is none. */
export async function apiKeyByHash(db: Db, keyHash: string): Promise<ApiKey | null> {
  const row = await db.first<{
    id: number;
    name: string;
    keyHash: string;
    scopes: string;
    revokedAt: string | null;
    regionIds: string;
  }>(
    `SELECT k.id, k.name, k.key_hash AS keyHash, k.scopes, k.revoked_at AS revokedAt,
       (SELECT json_group_array(region_id) FROM api_key_regions WHERE key_id = k.id) AS regionIds
     FROM api_keys k WHERE k.key_hash = ?`,
    [keyHash],
    // who is calling, read before the request's ceiling is known
    { unpriced: 'identity' },
  );
  // the index lookup already matched; comparing again in constant time costs nothing
  if (!row || !constantTimeEqual(row.keyHash, keyHash)) return null;
  return {
    id: row.id,
    name: row.name,
    scopes: (JSON.parse(row.scopes) as unknown[]).filter(isScope),
    regionIds: JSON.parse(row.regionIds) as number[],
    revoked: row.revokedAt !== null,
  };
}

/** Whether `regionId` is one of `rootIds` or below one of them. */
export async function regionWithin(
  db: Db,
  regionId: number,
  rootIds: readonly number[],
): Promise<boolean> {
  const row = await db.first<{ ok: number }>(
    `WITH RECURSIVE up(id) AS (
       SELECT ? UNION ALL SELECT r.parent_id FROM regions r JOIN up ON r.id = up.id
       WHERE r.parent_id IS NOT NULL
     )
     SELECT EXISTS (SELECT 1 FROM up WHERE id IN (SELECT value FROM json_each(?))) AS ok`,
    [regionId, JSON.stringify(rootIds)],
    // asked by the write engine only, of the regions a write touches
    WRITE,
  );
  return row?.ok === 1;
}

/**
 * Who is calling. Reads are public, so a missing key is not an error by itself: writes refuse it
 * (ForbiddenError) and say which of these it was.
 */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'invalid'; reason: 'malformed' | 'unknown' | 'revoked' }
  | { kind: 'key'; key: ApiKey };

/** Resolves `Authorization: Bearer <key>`; costs one D1 query only when the header is sent. */
export async function viewerOf(db: Db, authorization: string | null): Promise<Viewer> {
  const key = bearerKey(authorization);
  if (key === undefined) return { kind: 'anonymous' };
  if (key === null || !KEY_PATTERN.test(key)) return { kind: 'invalid', reason: 'malformed' };
  const found = await apiKeyByHash(db, await hashKey(key));
  if (!found) return { kind: 'invalid', reason: 'unknown' };
  if (found.revoked) return { kind: 'invalid', reason: 'revoked' };
  return { kind: 'key', key: found };
}

/** The name of each key (what a partner called it when it was issued); null when there is none. */
export async function keyNames(db: Db, ids: readonly number[]): Promise<(string | null)[]> {
  const rows = await db.all<{ id: number; name: string }>(
    'SELECT id, name FROM api_keys WHERE id IN (SELECT value FROM json_each(?))',
    [JSON.stringify(ids)],
    { rows: ids.length * ROWS_PER_JSON_KEY },
  );
  const byId = new Map(rows.map((row) => [row.id, row.name]));
  return ids.map((id) => byId.get(id) ?? null);
}
