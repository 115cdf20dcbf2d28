/**
 * The write path. D1 has no interactive transactions, so a mutation reads what it needs, checks
 * it (typed errors, nothing written), then sends ONE db.batch() (src/db/writes/batch.ts): guards
 * that re-check the preconditions in SQL, the writes, the search index, the change-feed rows, the
 * audit rows and the idempotency record. The batch commits together or not at all.
 */
import { canonicalJson, sha256Hex } from '../../lib/hash';
import { type Db, WRITE } from '../client';
import { ENTITIES } from '../entities';
import { camelKey, type EntityKind } from '../entity';
import { CHANGE_COLUMNS, type ChangeRow, parseChange, WriteBatch, type Writer } from './batch';
import { ConflictError, invalid, ValidationError } from './errors';
import { rowJson, type SnakeRow } from './rows-json';

/** What a write returns: the primary entity's changes (rows after, or tombstones). */
export interface WriteResult {
  kind: EntityKind;
  changes: ChangeRow[];
  /** true when an idempotency key matched an earlier write and nothing was written */
  replayed: boolean;
}

/** The next `count` ids for `kind`: never an id the feed has seen, so a deleted id is not reused. */
export async function nextIds(db: Db, kind: EntityKind, count: number): Promise<number[]> {
  const row = await db.first<{ next: number }>(
    `SELECT max(coalesce((SELECT max(id) FROM ${ENTITIES[kind].table}), 0),
                coalesce((SELECT max(entity_id) FROM changes WHERE entity = ?), 0)) + 1 AS next`,
    [kind],
    WRITE,
  );
  const next = row?.next ?? 1;
  return Array.from({ length: count }, (_, i) => next + i);
}

/** A row as its change-feed JSON (the same shape `before` and `after` take), or null. */
export async function currentRow(
  db: Db,
  kind: EntityKind,
  id: number,
): Promise<{ json: string; row: SnakeRow } | null> {
  const found = await db.first<{ json: string }>(
    `SELECT ${rowJson(kind)} AS json FROM ${ENTITIES[kind].table} WHERE id = ?`,
    [id],
    WRITE,
  );
  return found ? { json: found.json, row: JSON.parse(found.json) as SnakeRow } : null;
}

/** The first result of an earlier write with this idempotency key, or null when there was none. */
async function replay(
  writer: Writer,
  operation: string,
  kind: EntityKind,
  key: string,
  requestHash: string,
): Promise<WriteResult | null> {
  const record = await writer.db.first<{
    operation: string;
    requestHash: string;
    changeIds: string;
    resultIds: string;
  }>(
    `SELECT operation, request_hash AS requestHash, change_ids AS changeIds, result_ids AS resultIds
     FROM idempotency_keys WHERE key_id = ? AND idempotency_key = ?`,
    [writer.keyId, key],
    WRITE,
  );
  if (!record) return null;
  if (record.operation !== operation || record.requestHash !== requestHash) {
    throw invalid(
      ['idempotencyKey'],
      'This idempotency key was already used for a different request; use a new key for a new write.',
      'idempotency_key_reused',
    );
  }
  const resultIds = JSON.parse(record.resultIds) as number[];
  const rows = await writer.db.all<Omit<ChangeRow, 'data'> & { data: string | null }>(
    `SELECT ${CHANGE_COLUMNS} FROM changes
     WHERE id IN (SELECT value FROM json_each(?)) AND entity = ? ORDER BY id`,
    [record.changeIds, kind],
    WRITE,
  );
  const byEntity = new Map(rows.map((row) => [row.entityId, parseChange(row)]));
  return {
    kind,
    changes: resultIds.flatMap((id) => byEntity.get(id) ?? []),
    replayed: true,
  };
}

const RETRYABLE =
  /CHECK constraint failed: ok = 1|UNIQUE constraint failed|FOREIGN KEY constraint failed/;

/**
 * A constraint of the tables that the checks before the batch did not foresee: still a typed
 * ValidationError (never D1's own message), at the field of the column it names when it names one.
 */
function constraintError(message: string): ValidationError | null {
  const found = /(NOT NULL|CHECK) constraint failed: ?(?:\w+\.)?(\w+)?/.exec(message);
  if (!found) return null;
  const field = found[2] ? camelKey(found[2]) : null;
  return new ValidationError([
    {
      path: field ? ['input', field] : ['input'],
      message: `The input breaks a rule of the data${field ? ` about ${field}` : ''}.`,
      code: found[1] === 'NOT NULL' ? 'required' : 'invalid',
    },
  ]);
}

/**
 * Runs a write. `build` reads and checks (throwing typed errors), then fills the batch and returns
 * the ids of the entities the mutation returns. When the batch fails on a guard or a constraint,
 * someone wrote between the check and the commit: `build` runs again and now sees it (so the
 * client gets a typed ConflictError or ValidationError, never a half-applied write).
 */
export async function runWrite(
  writer: Writer,
  spec: { operation: string; kind: EntityKind; input: unknown; idempotencyKey?: string | null },
  build: (batch: WriteBatch) => Promise<number[]>,
): Promise<WriteResult> {
  const key = spec.idempotencyKey ?? null;
  const requestHash = key ? await sha256Hex(`${spec.operation}\n${canonicalJson(spec.input)}`) : '';
  for (let attempt = 1; ; attempt++) {
    if (key) {
      const earlier = await replay(writer, spec.operation, spec.kind, key, requestHash);
      if (earlier) return earlier;
    }
    const batch = new WriteBatch(writer, spec.operation);
    const resultIds = await build(batch);
    try {
      const changes = await batch.commit(key ? { key, requestHash, resultIds } : null);
      writer.onCommit?.();
      const wanted = new Set(resultIds);
      return {
        kind: spec.kind,
        changes: resultIds.flatMap((id) =>
          changes
            .filter((c) => c.entity === spec.kind && c.entityId === id && wanted.has(id))
            .slice(-1),
        ),
        replayed: false,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!RETRYABLE.test(message)) throw constraintError(message) ?? error;
      if (attempt >= 3) {
        throw new ConflictError(
          'Other writes kept changing this data; read it again and retry.',
          null,
        );
      }
    }
  }
}
