/** The partner writes: create, update and delete rows, record claims, prefer a claim. */

import type { EntityKind } from '../entity';
import type { WriteBatch, Writer } from './batch';
import { currentRow, nextIds } from './engine';
import { ConflictError, type Issue, NotFoundError, ValidationError } from './errors';
import {
  type InputFields,
  requireRegion,
  resolveSlugs,
  slugIssues,
  throwIssues,
  toColumns,
} from './rows';
import type { SnakeRow } from './rows-json';

/** The most rows one write may create (importProjects, importClaims). */
export const MAX_ROWS_PER_WRITE = 500;

export const NEW_SLUG = /^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A writer with the regions its key may write. */
export type PartnerWriter = Writer & { regionIds: number[] };

/** The region a row of `kind` belongs to, for the key's region check (sources have none). */
function regionOf(row: SnakeRow): number | null {
  return typeof row.region_id === 'number' ? row.region_id : null;
}

async function requireRegions(writer: PartnerWriter, rows: SnakeRow[]) {
  for (const regionId of new Set(rows.map(regionOf))) {
    if (regionId !== null) await requireRegion(writer, regionId);
  }
}

/**
 * Creates rows of `kind` from validated inputs (one for create*, up to 500 for import*). Every
 * problem in every row is reported at once, each under its own path; then nothing is written.
 */
export async function createRows(
  writer: PartnerWriter,
  batch: WriteBatch,
  kind: EntityKind,
  inputs: InputFields[],
  pathOf: (index: number) => string[],
  extraColumns: (input: InputFields, index: number) => SnakeRow = () => ({}),
): Promise<number[]> {
  if (inputs.length > MAX_ROWS_PER_WRITE) {
    throw new ValidationError([
      {
        path: pathOf(MAX_ROWS_PER_WRITE).slice(0, -1),
        message: `At most ${MAX_ROWS_PER_WRITE} rows per call; got ${inputs.length}.`,
        code: 'too_big',
      },
    ]);
  }
  const ids = await resolveSlugs(writer.db, inputs);
  const issues: Issue[] = [];
  const rows = inputs.map((input, i) => ({
    ...toColumns(kind, input, ids, pathOf(i), issues),
    ...extraColumns(input, i),
  }));
  issues.push(
    ...(await slugIssues(
      writer.db,
      kind,
      inputs.map((input, i) => ({ slug: String(input.slug), path: [...pathOf(i), 'slug'] })),
    )),
  );
  throwIssues(issues);
  await requireRegions(writer, rows);
  const newIds = await nextIds(writer.db, kind, rows.length);
  batch.insert(
    kind,
    rows.map((row, i) => ({ id: newIds[i] as number, ...row })),
  );
  return newIds;
}

/** The row to update or delete, after the key's region check and the client's version check. */
export async function rowForWrite(
  writer: PartnerWriter,
  kind: EntityKind,
  id: number,
  version: number,
  path: string[],
) {
  const current = await currentRow(writer.db, kind, id);
  if (!current)
    throw new NotFoundError(`No ${kind.replace('_', ' ')} has this id.`, [...path, 'id']);
  const regionId = regionOf(current.row);
  if (regionId !== null) await requireRegion(writer, regionId);
  if (current.row.version !== version) {
    throw new ConflictError(
      `This ${kind.replace('_', ' ')} changed since you read it: you sent version ${version}, the current version is ${current.row.version}. Read it again and reapply your change.`,
      current.row.version as number,
    );
  }
  return current;
}

/**
 * Updates one row from the version the client read. Moving a row to another region needs the
 * right to write both the region it leaves and the one it enters.
 */
export async function updateRow(
  writer: PartnerWriter,
  batch: WriteBatch,
  kind: EntityKind,
  id: number,
  version: number,
  input: InputFields,
  path: string[],
): Promise<number> {
  const current = await rowForWrite(writer, kind, id, version, path);
  const ids = await resolveSlugs(writer.db, [input]);
  const issues: Issue[] = [];
  const set = toColumns(kind, input, ids, path, issues);
  if (set.slug !== undefined && set.slug !== current.row.slug) {
    issues.push(
      ...(await slugIssues(writer.db, kind, [{ slug: String(set.slug), path: [...path, 'slug'] }])),
    );
  }
  const after = { ...current.row, ...set };
  for (const [earlier, later] of [
    ['started_on', 'opened_on'],
    ['starts_on', 'ends_on'],
  ] as const) {
    const [a, b] = [after[earlier], after[later]];
    if (
      typeof a === 'string' &&
      typeof b === 'string' &&
      a > b &&
      (earlier in set || later in set)
    ) {
      issues.push({
        path: [...path, later.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())],
        message: `${later} (${b}) is before ${earlier} (${a}).`,
        code: 'invalid_date_order',
      });
    }
  }
  throwIssues(issues);
  if (typeof set.region_id === 'number' && set.region_id !== current.row.region_id) {
    await requireRegion(writer, set.region_id);
  }
  if (Object.keys(set).length === 0) {
    throw new ValidationError([
      { path, message: 'Nothing to change: give at least one field.', code: 'empty_update' },
    ]);
  }
  batch.guardVersion(kind, id, version).update(kind, id, set, current.json, after);
  return id;
}

/** What must be gone before a row can be deleted: claims about it, and its phases. */
const DEPENDENTS: Partial<Record<EntityKind, { sql: string; what: string }[]>> = {
  project: [
    {
      sql: "SELECT count(*) FROM claims WHERE subject_kind = 'project' AND subject_id = ?",
      what: 'claims about it',
    },
  ],
  energy_asset: [
    {
      sql: "SELECT count(*) FROM claims WHERE subject_kind = 'energy_asset' AND subject_id = ?",
      what: 'claims about it',
    },
    { sql: 'SELECT count(*) FROM energy_assets WHERE parent_id = ?', what: 'phases' },
  ],
};

/** Deletes one row from the version the client read, leaving a tombstone in the change feed. */
export async function deleteRow(
  writer: PartnerWriter,
  batch: WriteBatch,
  kind: EntityKind,
  id: number,
  version: number,
  path: string[],
): Promise<number> {
  const current = await rowForWrite(writer, kind, id, version, path);
  for (const dependent of DEPENDENTS[kind] ?? []) {
    const row = await writer.db.first<{ n: number }>(
      dependent.sql.replace('count(*)', 'count(*) AS n'),
      [id],
    );
    if (row && row.n > 0) {
      throw new ValidationError([
        {
          path: [...path, 'id'],
          message: `It still has ${row.n} ${dependent.what}; delete or move those first.`,
          code: 'has_dependents',
        },
      ]);
    }
    batch.guard(`(${dependent.sql}) = 0`, id);
  }
  batch.guardVersion(kind, id, version).delete(kind, id, current.json);
  return id;
}
