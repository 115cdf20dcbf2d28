/** The partner writes: create, update and delete rows, record claims, prefer a claim. */

import type { EntityKind } from '../entity';
import { currentRow, nextIds, type WriteBatch, type Writer } from './engine';
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

const NEW_SLUG = /^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
async function rowForWrite(
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

const SUBJECT_KINDS = ['region', 'project', 'energy_asset', 'sector', 'plan'] as const;

export interface ClaimInput extends InputFields {
  slug: string;
  source: InputFields & { slug: string };
  subject: { kind: (typeof SUBJECT_KINDS)[number]; slug: string };
  region?: string | null;
  comparisonKey?: string | null;
}

/**
 * Records claims, creating each source that does not exist yet (from the fields given with its
 * slug). A claim alone in its comparison group becomes its preferred claim.
 */
export async function recordClaims(
  writer: PartnerWriter,
  batch: WriteBatch,
  inputs: ClaimInput[],
  pathOf: (index: number) => string[],
): Promise<number[]> {
  const issues: Issue[] = [];
  // sources: existing ones by slug; new ones created once even when several rows cite them
  const sourceSlugs = [...new Set(inputs.map((input) => input.source.slug))];
  const known = await resolveSlugs(
    writer.db,
    [],
    sourceSlugs.map((slug) => ({ kind: 'source' as const, slug })),
  );
  const newSources = new Map<string, InputFields>();
  inputs.forEach((input, i) => {
    const source = input.source;
    if (known.has(`source:${source.slug}`) || newSources.has(source.slug)) return;
    if (!NEW_SLUG.test(source.slug)) {
      issues.push({
        path: [...pathOf(i), 'source', 'slug'],
        message: 'A new source’s slug: lower-case letters, digits and single hyphens, at most 100.',
        code: 'invalid_format',
      });
      return;
    }
    const missing = ['publisher', 'language', 'kind'].filter((f) => source[f] == null);
    if (missing.length > 0) {
      issues.push({
        path: [...pathOf(i), 'source', missing[0] as string],
        message: `No source has the slug ${JSON.stringify(source.slug)}; to create it, give ${missing.join(', ')}.`,
        code: 'unknown_reference',
      });
      return;
    }
    newSources.set(source.slug, source);
  });
  throwIssues(issues);
  const sourceIds = new Map<string, number>(
    sourceSlugs.flatMap((slug) => {
      const id = known.get(`source:${slug}`);
      return id === undefined ? [] : [[slug, id] as [string, number]];
    }),
  );
  if (newSources.size > 0) {
    const created = await createRows(writer, batch, 'source', [...newSources.values()], (i) => [
      ...pathOf(inputs.findIndex((input) => input.source.slug === [...newSources.keys()][i])),
      'source',
    ]);
    [...newSources.keys()].forEach((slug, i) => {
      sourceIds.set(slug, created[i] as number);
    });
  }

  // subjects: the id, and the region a claim about it applies to
  const subjects = new Map<string, { id: number; regionId: number | null }>();
  for (const kind of SUBJECT_KINDS) {
    const slugs = inputs
      .filter((input) => input.subject.kind === kind)
      .map((input) => input.subject.slug);
    if (slugs.length === 0) continue;
    const table = {
      region: 'regions',
      project: 'projects',
      energy_asset: 'energy_assets',
      sector: 'sectors',
      plan: 'plans',
    }[kind];
    const regionColumn = kind === 'region' ? 'id' : kind === 'sector' ? 'NULL' : 'region_id';
    const rows = await writer.db.all<{ id: number; slug: string; regionId: number | null }>(
      `SELECT id, slug, ${regionColumn} AS regionId FROM ${table} WHERE slug IN (SELECT value FROM json_each(?))`,
      [JSON.stringify([...new Set(slugs)])],
    );
    for (const row of rows)
      subjects.set(`${kind}:${row.slug}`, { id: row.id, regionId: row.regionId });
  }
  const regionIds = await resolveSlugs(
    writer.db,
    inputs.map((input) => ({ region: input.region })),
  );

  // the comparison groups that already have a preferred claim
  const groups = inputs.map((input) => {
    const subject = subjects.get(`${input.subject.kind}:${input.subject.slug}`);
    return JSON.stringify([
      input.indicator,
      input.subject.kind,
      subject?.id ?? 0,
      input.comparisonKey ?? input.slug,
    ]);
  });
  const preferredGroups = new Set(
    (
      await writer.db.all<{ g: string }>(
        `SELECT json_array(i.slug, c.subject_kind, c.subject_id, c.comparison_key) AS g
         FROM claims c JOIN indicators i ON i.id = c.indicator_id
         WHERE c.preferred = 1 AND json_array(i.slug, c.subject_kind, c.subject_id, c.comparison_key)
           IN (SELECT value FROM json_each(?))`,
        [JSON.stringify(groups)],
      )
    ).map((row) => row.g),
  );

  const rows: InputFields[] = [];
  const extra: SnakeRow[] = [];
  inputs.forEach((input, i) => {
    const subject = subjects.get(`${input.subject.kind}:${input.subject.slug}`);
    if (!subject) {
      issues.push({
        path: [...pathOf(i), 'subject', 'slug'],
        message: `No ${input.subject.kind.replace('_', ' ')} has the slug ${JSON.stringify(input.subject.slug)}.`,
        code: 'unknown_reference',
      });
    }
    let regionId = subject?.regionId ?? null;
    if (input.region != null) {
      const id = regionIds.get(`region:${input.region}`);
      if (id === undefined) {
        issues.push({
          path: [...pathOf(i), 'region'],
          message: `No region has the slug ${JSON.stringify(input.region)}.`,
          code: 'unknown_reference',
        });
      } else regionId = id;
    } else if (subject && regionId === null) {
      issues.push({
        path: [...pathOf(i), 'region'],
        message: 'A claim about a sector needs the region it applies to.',
        code: 'required',
      });
    }
    const group = groups[i] as string;
    const preferred = !preferredGroups.has(group);
    preferredGroups.add(group);
    const { source: _source, subject: _subject, region: _region, ...fields } = input;
    rows.push(fields);
    extra.push({
      source_id: sourceIds.get(input.source.slug) ?? null,
      subject_kind: input.subject.kind,
      subject_id: subject?.id ?? 0,
      region_id: regionId,
      comparison_key: input.comparisonKey ?? input.slug,
      preferred: preferred ? 1 : 0,
      preferred_reason: preferred ? 'Only report of this figure.' : null,
    });
  });
  throwIssues(issues);
  return createRows(writer, batch, 'claim', rows, pathOf, (_input, i) => extra[i] as SnakeRow);
}

/**
 * Makes a claim the preferred one of its comparison group, with the reason; the claim preferred
 * until now (if another) stops being preferred, in the same batch.
 */
export async function markClaimPreferred(
  writer: PartnerWriter,
  batch: WriteBatch,
  id: number,
  version: number,
  reason: string,
  path: string[],
): Promise<number> {
  const current = await rowForWrite(writer, 'claim', id, version, path);
  const other = await writer.db.first<{ id: number; version: number; json: string }>(
    `SELECT c.id, c.version FROM claims c JOIN claims me ON me.id = ?
     WHERE c.indicator_id = me.indicator_id AND c.subject_kind = me.subject_kind
       AND c.subject_id = me.subject_id AND c.comparison_key = me.comparison_key
       AND c.preferred = 1 AND c.id <> me.id`,
    [id],
  );
  if (other) {
    const previous = await currentRow(writer.db, 'claim', other.id);
    if (previous) {
      const set = { preferred: 0, preferred_reason: null };
      batch
        .guardVersion('claim', other.id, other.version)
        .update('claim', other.id, set, previous.json, { ...previous.row, ...set });
    }
  }
  const set = { preferred: 1, preferred_reason: reason };
  batch
    .guardVersion('claim', id, version)
    .update('claim', id, set, current.json, { ...current.row, ...set });
  return id;
}
