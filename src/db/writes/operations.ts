/** The partner writes: create, update and delete rows of any entity kind. */

import { ENTITIES } from '../entities';
import type { EntityKind } from '../entity';
import type { WriteBatch, Writer } from './batch';
import { currentRow, nextIds } from './engine';
import { ConflictError, type Issue, NotFoundError, ValidationError } from './errors';
import { dependentIssues, loopIssues, rowIssues } from './integrity';
import { type InputFields, resolveSlugs, slugIssues, throwIssues, toColumns } from './rows';
import type { SnakeRow } from './rows-json';
import { requireScope, requireTouched } from './scope';

/** The most rows one write may create (importProjects, importClaims). */
export const MAX_ROWS_PER_WRITE = 500;

export const NEW_SLUG = /^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A writer with the regions its key may write. */
export type PartnerWriter = Writer & { regionIds: number[] };

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
  const ids = await resolveSlugs(writer.db, kind, inputs);
  const issues: Issue[] = [];
  const rows = inputs.map((input, i) => {
    const row = { ...toColumns(kind, input, ids, pathOf(i), issues), ...extraColumns(input, i) };
    issues.push(...rowIssues(kind, row, new Set(Object.keys(row)), pathOf(i)));
    return row;
  });
  issues.push(
    ...(await slugIssues(
      writer.db,
      kind,
      inputs.map((input, i) => ({ slug: String(input.slug), path: [...pathOf(i), 'slug'] })),
    )),
  );
  throwIssues(issues);
  await requireScope(
    writer,
    kind,
    rows.map((row, i) => ({ row, path: pathOf(i) })),
  );
  const newIds = await nextIds(writer.db, kind, rows.length);
  batch.insert(
    kind,
    rows.map((row, i) => ({ id: newIds[i] as number, ...row })),
  );
  return newIds;
}

/**
 * The row to update or delete, after the key's region check (the region the row is in now, named
 * by `idPath`) and the client's version check.
 */
export async function rowForWrite(
  writer: PartnerWriter,
  kind: EntityKind,
  id: number,
  version: number,
  idPath: string[],
) {
  const current = await currentRow(writer.db, kind, id);
  if (!current) throw new NotFoundError(`No ${kind.replace('_', ' ')} has this id.`, idPath);
  const { region } = ENTITIES[kind];
  const regionId = region ? current.row[region] : null;
  if (typeof regionId === 'number') await requireTouched(writer, [{ path: idPath, regionId }]);
  if (current.row.version !== version) {
    throw new ConflictError(
      `This ${kind.replace('_', ' ')} changed since you read it: you sent version ${version}, the current version is ${current.row.version}. Read it again and reapply your change.`,
      current.row.version as number,
    );
  }
  return current;
}

/** The row an update or delete names: its id, the version the client read, and where the id is. */
export interface Target {
  id: number;
  version: number;
  idPath: string[];
}

/**
 * Updates one row from the version the client read. The key must be allowed to write the region
 * the row is in, the one it moves to, and that of every row a changed field names.
 */
export async function updateRow(
  writer: PartnerWriter,
  batch: WriteBatch,
  kind: EntityKind,
  target: Target,
  input: InputFields,
  path: string[],
): Promise<number> {
  const { id, version } = target;
  const current = await rowForWrite(writer, kind, id, version, target.idPath);
  const ids = await resolveSlugs(writer.db, kind, [input]);
  const issues: Issue[] = [];
  const set = toColumns(kind, input, ids, path, issues);
  if (set.slug !== undefined && set.slug !== current.row.slug) {
    issues.push(
      ...(await slugIssues(writer.db, kind, [{ slug: String(set.slug), path: [...path, 'slug'] }])),
    );
  }
  const after = { ...current.row, ...set };
  const changed = new Set(Object.keys(set));
  issues.push(...rowIssues(kind, after, changed, path));
  issues.push(...(await loopIssues(writer.db, batch, kind, id, set, path)));
  throwIssues(issues);
  if (changed.size === 0) {
    throw new ValidationError([
      { path, message: 'Nothing to change: give at least one field.', code: 'empty_update' },
    ]);
  }
  await requireScope(writer, kind, [{ row: after, path, columns: changed }]);
  batch.guardVersion(kind, id, version).update(kind, id, set, current.json, after);
  return id;
}

/** Deletes one row from the version the client read, leaving a tombstone in the change feed. */
export async function deleteRow(
  writer: PartnerWriter,
  batch: WriteBatch,
  kind: EntityKind,
  target: Target,
): Promise<number> {
  const { id, version, idPath } = target;
  const current = await rowForWrite(writer, kind, id, version, idPath);
  throwIssues(await dependentIssues(writer.db, batch, kind, id, idPath));
  batch.guardVersion(kind, id, version).delete(kind, id, current.json);
  return id;
}
