/**
 * Rules a row must keep that span more than one column or row: dates in order, a baseline with
 * its value, trees without loops, and no row deleted while another still names it. Each is
 * checked before the batch (a typed issue at the field) and, where a concurrent write could break
 * it, guarded again inside the batch.
 */
import { type Db, WRITE } from '../client';
import { ENTITIES } from '../entities';
import { camelKey, type EntityKind } from '../entity';
import type { WriteBatch } from './batch';
import type { Issue } from './errors';
import type { SnakeRow } from './rows-json';

/** Pairs of date columns where the second may not come before the first. */
const DATE_ORDER = [
  ['started_on', 'opened_on'],
  ['starts_on', 'ends_on'],
  ['period_start', 'period_end'],
] as const;

/**
 * The issues of a row about to be written (`after`, whole), for the rules that involve a column of
 * `changed` (every column on a create).
 */
export function rowIssues(
  kind: EntityKind,
  after: SnakeRow,
  changed: ReadonlySet<string>,
  path: string[],
): Issue[] {
  const issues: Issue[] = [];
  const columns = ENTITIES[kind].columns;
  for (const [earlier, later] of DATE_ORDER) {
    if (!columns.includes(earlier) || !(changed.has(earlier) || changed.has(later))) continue;
    const [a, b] = [after[earlier], after[later]];
    if (typeof a === 'string' && typeof b === 'string' && a > b) {
      issues.push({
        path: [...path, camelKey(later)],
        message: `${camelKey(later)} (${b}) is before ${camelKey(earlier)} (${a}).`,
        code: 'invalid_date_order',
      });
    }
  }
  // the CHECK of plan_targets: an increment from a dated baseline needs the baseline's value
  if (
    kind === 'plan_target' &&
    ['target_kind', 'baseline_on', 'baseline_value'].some((c) => changed.has(c)) &&
    after.target_kind === 'increment' &&
    after.baseline_on != null &&
    after.baseline_value == null
  ) {
    issues.push({
      path: [...path, 'baselineValue'],
      message: 'An increment target with a baseline date needs its baseline value.',
      code: 'required',
    });
  }
  return issues;
}

/** SQL: whether `?` (a row of the tree's table) is `?` (the row) or below it. */
function loopSql(table: string, column: string): string {
  return `EXISTS (WITH RECURSIVE up(id, depth) AS (
      SELECT ?, 0 UNION ALL SELECT t.${column}, up.depth + 1 FROM ${table} t JOIN up ON t.id = up.id
      WHERE t.${column} IS NOT NULL AND up.depth < 1000
    ) SELECT 1 FROM up WHERE id = ?)`;
}

/**
 * Trees stay trees: giving row `id` the parent `set[parent]` must not make it its own ancestor.
 * Returns the issue (and guards the batch against a concurrent write making the loop).
 */
export async function loopIssues(
  db: Db,
  batch: WriteBatch,
  kind: EntityKind,
  id: number,
  set: SnakeRow,
  path: string[],
): Promise<Issue[]> {
  const { parent, references, table } = ENTITIES[kind];
  const ref = parent ? references[parent] : undefined;
  if (!parent || !ref) return [];
  const parentId = set[ref.column];
  if (typeof parentId !== 'number') return [];
  const sql = loopSql(table, ref.column);
  batch.guard(`NOT ${sql}`, parentId, id);
  const found = await db.first<{ loop: number }>(`SELECT ${sql} AS loop`, [parentId, id], WRITE);
  if (!found?.loop) return [];
  return [
    {
      path: [...path, parent],
      message: `The ${parent} would be this ${kind.replace('_', ' ')} itself or one below it: a tree cannot loop.`,
      code: 'cycle',
    },
  ];
}

/** Every reference to a row of `kind`, from any entity: the rows that must go before it can. */
function dependents(kind: EntityKind) {
  return Object.values(ENTITIES).flatMap((entity) =>
    Object.entries(entity.references).flatMap(([field, ref]) => {
      if ('kind' in ref) {
        return ref.kind === kind
          ? [{ sql: `SELECT count(*) FROM ${entity.table} WHERE ${ref.column} = ?`, entity, field }]
          : [];
      }
      return ref.kinds.includes(kind)
        ? [
            {
              sql: `SELECT count(*) FROM ${entity.table} WHERE ${ref.kindColumn} = '${kind}' AND ${ref.column} = ?`,
              entity,
              field,
            },
          ]
        : [];
    }),
  );
}

/** The issue when rows still name row `id` of `kind` (and guards that none does at commit). */
export async function dependentIssues(
  db: Db,
  batch: WriteBatch,
  kind: EntityKind,
  id: number,
  path: string[],
): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const { sql, entity, field } of dependents(kind)) {
    const row = await db.first<{ n: number }>(
      sql.replace('count(*)', 'count(*) AS n'),
      [id],
      WRITE,
    );
    if (row && row.n > 0) {
      issues.push({
        path,
        message: `${row.n} ${entity.table.replace('_', ' ')} still name it as their ${field}; delete or change those first.`,
        code: 'has_dependents',
      });
    }
    batch.guard(`(${sql}) = 0`, id);
  }
  return issues;
}
