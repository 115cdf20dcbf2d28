/** Reading the change feed and the audit log, in commit order from a cursor. */
import type { Db } from '../client';
import type { ChangeRow } from './batch';
import type { SnakeRow } from './rows-json';

export const MAX_FEED_PAGE = 1000;

/** A feed cursor is the id of the last change read, as decimal text; '0' (or none) is the start. */
export function parseCursor(cursor: string | null | undefined): number | null {
  if (cursor == null || cursor === '') return 0;
  return /^(0|[1-9][0-9]{0,14})$/.test(cursor) ? Number(cursor) : null;
}

/** Up to `limit` changes after `since`, and whether more follow. */
export async function changesSince(
  db: Db,
  since: number,
  limit: number,
): Promise<{ changes: ChangeRow[]; hasMore: boolean }> {
  const rows = await db.all<Omit<ChangeRow, 'data'> & { data: string | null }>(
    `SELECT id, entity, entity_id AS entityId, op, version, data, committed_at AS committedAt
     FROM changes WHERE id > ? ORDER BY id LIMIT ?`,
    [since, limit + 1],
    // by primary key from the cursor: the rows returned, and one more
    { rows: limit + 1, argument: 'first', narrow: 'ask for a smaller page (first).' },
  );
  return {
    changes: rows.slice(0, limit).map((row) => ({
      ...row,
      data: row.data === null ? null : (JSON.parse(row.data) as SnakeRow),
    })),
    hasMore: rows.length > limit,
  };
}

export interface AuditEntry {
  id: number;
  at: string;
  keyId: number;
  keyName: string;
  requestId: string;
  operation: string;
  entity: string;
  entityId: number;
  before: SnakeRow | null;
  after: SnakeRow | null;
  changeId: number;
}

/** Up to `limit` audit entries after the entry `since`, oldest first. */
export async function auditSince(
  db: Db,
  since: number,
  limit: number,
): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
  const rows = await db.all<
    Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null }
  >(
    `SELECT a.id, a.at, a.key_id AS keyId, k.name AS keyName, a.request_id AS requestId, a.operation,
       a.entity, a.entity_id AS entityId, a.before, a.after, a.change_id AS changeId
     FROM audit_log a JOIN api_keys k ON k.id = a.key_id WHERE a.id > ? ORDER BY a.id LIMIT ?`,
    [since, limit + 1],
    // by primary key from the cursor, each entry's key by primary key
    { rows: 2 * (limit + 1), argument: 'first', narrow: 'ask for a smaller page (first).' },
  );
  return {
    entries: rows.slice(0, limit).map((row) => ({
      ...row,
      before: row.before === null ? null : (JSON.parse(row.before) as SnakeRow),
      after: row.after === null ? null : (JSON.parse(row.after) as SnakeRow),
    })),
    hasMore: rows.length > limit,
  };
}
