/**
 * One write's statements, in order, with the bookkeeping every write needs: guards, the change
 * feed, the audit log, the search index and the idempotency record. They commit as one D1 batch.
 */
import { searchDocuments, searchRowIdRange } from '../../lib/persian';
import type { D1Handle, Db, SqlValue } from '../client';
import { ENTITIES } from '../entities';
import type { EntityKind } from '../entity';
import { searchDeleteStatement, searchIndexStatements } from '../search';
import { rowJson, type SnakeRow } from './rows-json';

/** Who writes, and the handles to write with. */
export interface Writer {
  db: Db;
  d1: D1Handle;
  keyId: number;
  requestId: string;
  /** called after each batch that committed (not after a replay or a refusal) */
  onCommit?: () => void;
}

/** One row of the change feed. */
export interface ChangeRow {
  id: number;
  entity: EntityKind;
  entityId: number;
  op: 'create' | 'update' | 'delete';
  version: number;
  data: SnakeRow | null;
  committedAt: string;
}

export const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
export const CHANGE_COLUMNS =
  'id, entity, entity_id AS entityId, op, version, data, committed_at AS committedAt';

export function parseChange(row: Omit<ChangeRow, 'data'> & { data: string | null }): ChangeRow {
  return { ...row, data: row.data === null ? null : (JSON.parse(row.data) as SnakeRow) };
}

/** The statements of one write, in order, with the bookkeeping every write needs. */
export class WriteBatch {
  private readonly statements: D1PreparedStatement[] = [];
  /** indexes of the statements whose RETURNING rows are changes */
  private readonly changeStatements: number[] = [];
  private changeCount = 0;

  constructor(
    readonly writer: Writer,
    readonly operation: string,
  ) {}

  sql(sql: string, ...params: SqlValue[]): this {
    this.statements.push(this.writer.d1.prepare(sql).bind(...params));
    return this;
  }

  /** Rolls the whole batch back unless `condition` (a SQL boolean expression) holds. */
  guard(condition: string, ...params: SqlValue[]): this {
    return this.sql(`INSERT INTO write_guards (ok) SELECT (${condition})`, ...params);
  }

  /** Guards that the row exists with the version the client read. */
  guardVersion(kind: EntityKind, id: number, version: number): this {
    return this.guard(
      `SELECT count(*) = 1 FROM ${ENTITIES[kind].table} WHERE id = ? AND version = ?`,
      id,
      version,
    );
  }

  /**
   * Inserts rows (snake_case columns, ids chosen by nextIds): one statement per set of columns
   * given, so a column a row leaves out takes the table's default (an import's rows may differ).
   */
  insert(kind: EntityKind, rows: SnakeRow[]): this {
    if (rows.length === 0) return this;
    const shapes = new Map<string, SnakeRow[]>();
    for (const row of rows) {
      const shape = Object.keys(row).join(',');
      shapes.set(shape, [...(shapes.get(shape) ?? []), row]);
    }
    for (const [shape, group] of shapes) {
      const columns = shape.split(',');
      for (const column of columns) {
        if (!ENTITIES[kind].columns.includes(column))
          throw new Error(`no column ${kind}.${column}`);
      }
      // one bound JSON array instead of one statement per row: 500 rows are still one statement
      this.sql(
        `INSERT INTO ${ENTITIES[kind].table} (${columns.join(', ')})
         SELECT ${columns.map((c) => `value ->> '$.${c}'`).join(', ')} FROM json_each(?)`,
        JSON.stringify(group),
      );
    }
    this.recordChanges(
      kind,
      'create',
      rows.map((row) => row.id as number),
      new Map(),
    );
    this.index(kind, rows);
    return this;
  }

  /** Updates one row whose version was guarded; bumps its version and updated_at. */
  update(kind: EntityKind, id: number, set: SnakeRow, before: string, after: SnakeRow): this {
    const columns = Object.keys(set);
    const assignments = [
      ...columns.map((c) => `${c} = ?`),
      'version = version + 1',
      `updated_at = ${NOW}`,
    ];
    this.sql(
      `UPDATE ${ENTITIES[kind].table} SET ${assignments.join(', ')} WHERE id = ?`,
      ...columns.map((c) => set[c] ?? null),
      id,
    );
    this.recordChanges(kind, 'update', [id], new Map([[id, before]]));
    const search = ENTITIES[kind].search;
    if (search) this.statements.push(...searchIndexStatements(this.writer.d1, search, id, after));
    return this;
  }

  /** Deletes one row whose version was guarded, leaving a tombstone in the feed. */
  delete(kind: EntityKind, id: number, before: string): this {
    const { table, search } = ENTITIES[kind];
    this.changeStatements.push(this.statements.length);
    this.sql(
      `INSERT INTO changes (entity, entity_id, op, version, data)
       SELECT ?, id, 'delete', version + 1, NULL FROM ${table} WHERE id = ?
       RETURNING ${CHANGE_COLUMNS}`,
      kind,
      id,
    );
    this.changeCount += 1;
    this.audit(1, new Map([[id, before]]));
    this.sql(`DELETE FROM ${table} WHERE id = ?`, id);
    if (search) this.statements.push(searchDeleteStatement(this.writer.d1, search, id));
    return this;
  }

  private recordChanges(
    kind: EntityKind,
    op: 'create' | 'update',
    ids: number[],
    before: Map<number, string>,
  ) {
    const { table } = ENTITIES[kind];
    // every id must exist, or the audit rows below would describe older changes
    this.guard(
      `SELECT count(*) = ? FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
      ids.length,
      JSON.stringify(ids),
    );
    this.changeStatements.push(this.statements.length);
    this.sql(
      `INSERT INTO changes (entity, entity_id, op, version, data)
       SELECT ?, id, ?, version, ${rowJson(kind)} FROM ${table}
       WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id
       RETURNING ${CHANGE_COLUMNS}`,
      kind,
      op,
      JSON.stringify(ids),
    );
    this.changeCount += ids.length;
    this.audit(ids.length, before);
  }

  /** Audit rows for the last `count` changes (this batch's, since D1 runs batches one at a time). */
  private audit(count: number, before: Map<number, string>) {
    const { keyId, requestId } = this.writer;
    this.sql(
      `INSERT INTO audit_log (key_id, request_id, operation, entity, entity_id, before, after, change_id)
       SELECT ?, ?, ?, c.entity, c.entity_id, json_extract(?, '$."' || c.entity_id || '"'), c.data, c.id
       FROM changes c WHERE c.id > (SELECT max(id) FROM changes) - ? ORDER BY c.id`,
      keyId,
      requestId,
      this.operation,
      JSON.stringify(Object.fromEntries([...before].map(([id, row]) => [id, JSON.parse(row)]))),
      count,
    );
  }

  /** Search rows for new entities, in one statement (the same documents searchIndexStatements writes). */
  private index(kind: EntityKind, rows: SnakeRow[]) {
    const search = ENTITIES[kind].search;
    if (!search) return;
    const docs = rows.flatMap((row) => {
      const id = row.id as number;
      const [first] = searchRowIdRange(search, id);
      return searchDocuments(search, row).map((doc) => [
        first + doc.position,
        id,
        doc.field,
        doc.text,
        doc.compact,
      ]);
    });
    if (docs.length === 0) return;
    this.sql(
      `INSERT INTO search_index (rowid, kind, entity_id, field, text, compact)
       SELECT value ->> '$[0]', ?, value ->> '$[1]', value ->> '$[2]', value ->> '$[3]', value ->> '$[4]'
       FROM json_each(?)`,
      search,
      JSON.stringify(docs),
    );
  }

  /** Runs the batch; returns the change rows it wrote, in commit order. */
  async commit(idempotency: IdempotencyRecord | null): Promise<ChangeRow[]> {
    const { d1, keyId } = this.writer;
    const tail = [
      d1.prepare(`UPDATE api_keys SET last_used_at = ${NOW} WHERE id = ?`).bind(keyId),
      ...(idempotency
        ? [
            d1
              .prepare(
                `INSERT INTO idempotency_keys (key_id, idempotency_key, operation, request_hash, change_ids, result_ids)
                 VALUES (?, ?, ?, ?, (SELECT json_group_array(id) FROM (SELECT id FROM changes ORDER BY id DESC LIMIT ?)), ?)`,
              )
              .bind(
                keyId,
                idempotency.key,
                this.operation,
                idempotency.requestHash,
                this.changeCount,
                JSON.stringify(idempotency.resultIds),
              ),
          ]
        : []),
      d1.prepare('DELETE FROM write_guards'),
    ];
    const results = await d1.batch<Omit<ChangeRow, 'data'> & { data: string | null }>([
      ...this.statements,
      ...tail,
    ]);
    this.writer.db.stats.queries += results.length;
    return this.changeStatements
      .flatMap((index) => results[index]?.results ?? [])
      .map(parseChange)
      .sort((a, b) => a.id - b.id);
  }
}

export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  resultIds: number[];
}
