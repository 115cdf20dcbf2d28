/** Turning validated mutation input into table rows: slugs to ids, camelCase to columns. */

import { type Db, WRITE } from '../client';
import { ENTITIES } from '../entities';
import type { EntityKind } from '../entity';
import { type Issue, ValidationError } from './errors';
import type { SnakeRow } from './rows-json';

const RENAMED: Record<string, string> = { progressPercent: 'progress_pct' };

export type InputFields = Record<string, unknown>;

function snake(key: string): string {
  return RENAMED[key] ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The column an input field of `kind` sets (a reference's id column, or the field in snake_case). */
export function columnOf(kind: EntityKind, field: string): string {
  return ENTITIES[kind].references[field]?.column ?? snake(field);
}

/** The references of `kind` that name rows of one kind (claims' subject names its kind apart). */
function plainReferences(kind: EntityKind) {
  return Object.entries(ENTITIES[kind].references).flatMap(([field, ref]) =>
    'kind' in ref ? [[field, ref] as const] : [],
  );
}

/** Slug → id for every slug the inputs of `kind` name, one query per referenced kind. */
export async function resolveSlugs(
  db: Db,
  kind: EntityKind | null,
  inputs: readonly InputFields[],
  extra: { kind: EntityKind; slug: string }[] = [],
): Promise<Map<string, number>> {
  const wanted = new Map<EntityKind, Set<string>>(extra.map((e) => [e.kind, new Set()]));
  for (const e of extra) wanted.get(e.kind)?.add(e.slug);
  for (const input of inputs) {
    for (const [field, ref] of kind ? plainReferences(kind) : []) {
      const slug = input[field];
      if (typeof slug !== 'string') continue;
      if (!wanted.has(ref.kind)) wanted.set(ref.kind, new Set());
      wanted.get(ref.kind)?.add(slug);
    }
  }
  const ids = new Map<string, number>();
  for (const [kind, slugs] of wanted) {
    const rows = await db.all<{ id: number; slug: string }>(
      `SELECT id, slug FROM ${ENTITIES[kind].table} WHERE slug IN (SELECT value FROM json_each(?))`,
      [JSON.stringify([...slugs])],
      WRITE,
    );
    for (const row of rows) ids.set(`${kind}:${row.slug}`, row.id);
  }
  return ids;
}

/**
 * The columns an input sets (only the fields present: undefined leaves a column alone, null
 * clears it). Unknown slugs, and null for a column every row must have, become issues under `path`.
 */
export function toColumns(
  kind: EntityKind,
  input: InputFields,
  ids: Map<string, number>,
  path: string[],
  issues: Issue[],
): SnakeRow {
  const row: SnakeRow = {};
  const { references, notNull } = ENTITIES[kind];
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined || field === 'id' || field === 'version') continue;
    const ref = references[field];
    const column = columnOf(kind, field);
    if (value === null && notNull.includes(column)) {
      issues.push({
        path: [...path, field],
        message: `Every ${kind.replace('_', ' ')} has a ${field}: it can be changed, not cleared.`,
        code: 'required',
      });
    } else if (ref && 'kind' in ref) {
      if (value === null) row[ref.column] = null;
      else {
        const id = ids.get(`${ref.kind}:${value}`);
        if (id === undefined) {
          issues.push({
            path: [...path, field],
            message: `No ${ref.kind.replace('_', ' ')} has the slug ${JSON.stringify(value)}.`,
            code: 'unknown_reference',
          });
        } else row[ref.column] = id;
      }
    } else if (field === 'investment') {
      const money = value as { amount: number; unit: string } | null;
      row.investment_amount = money?.amount ?? null;
      row.investment_unit = money?.unit ?? null;
    } else if (typeof value === 'boolean') {
      row[column] = value ? 1 : 0;
    } else {
      row[column] = value as string | number | null;
    }
  }
  for (const column of Object.keys(row)) {
    if (!ENTITIES[kind].columns.includes(column)) throw new Error(`no column ${kind}.${column}`);
  }
  return row;
}

/** Slugs already taken in `kind`'s table, or twice within the inputs, as issues. */
export async function slugIssues(
  db: Db,
  kind: EntityKind,
  slugs: { slug: string; path: string[] }[],
): Promise<Issue[]> {
  const taken = new Set(
    (
      await db.all<{ slug: string }>(
        `SELECT slug FROM ${ENTITIES[kind].table} WHERE slug IN (SELECT value FROM json_each(?))`,
        [JSON.stringify(slugs.map((s) => s.slug))],
        WRITE,
      )
    ).map((r) => r.slug),
  );
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const { slug, path } of slugs) {
    if (taken.has(slug)) {
      issues.push({
        path,
        message: `The slug ${JSON.stringify(slug)} is already taken.`,
        code: 'duplicate',
      });
    } else if (seen.has(slug)) {
      issues.push({
        path,
        message: `The slug ${JSON.stringify(slug)} appears twice in this request.`,
        code: 'duplicate',
      });
    }
    seen.add(slug);
  }
  return issues;
}

export function throwIssues(issues: Issue[]) {
  if (issues.length > 0) throw new ValidationError(issues);
}
