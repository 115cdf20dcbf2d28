/** Claim writes: record claims (creating their sources), and prefer one claim of a group. */

import type { SubjectKind } from '../claims';
import { WRITE } from '../client';
import { CODES } from '../codes';
import { ENTITIES } from '../entities';
import type { WriteBatch } from './batch';
import { currentRow } from './engine';
import { type Issue, ValidationError } from './errors';
import { createRows, NEW_SLUG, type PartnerWriter, rowForWrite, type Target } from './operations';
import { type InputFields, resolveSlugs, throwIssues } from './rows';
import type { SnakeRow } from './rows-json';
import { regionsOf, requireTouched } from './scope';

export interface ClaimInput extends InputFields {
  slug: string;
  indicator: string;
  source: InputFields & { slug: string };
  subject: { kind: SubjectKind; slug: string };
  region?: string | null;
  comparisonKey?: string | null;
}

/**
 * Records claims, creating each source that does not exist yet (from the fields given with its
 * slug). A claim alone in its comparison group becomes its preferred claim. A claim that
 * `supersedes` another takes its place: the old one no longer counts as its group's preferred.
 */
export async function recordClaims(
  writer: PartnerWriter,
  batch: WriteBatch,
  inputs: ClaimInput[],
  pathOf: (index: number) => string[],
  supersedes?: { id: number; slug: string },
): Promise<number[]> {
  const issues: Issue[] = [];
  // sources: existing ones by slug; new ones created once even when several rows cite them
  const sourceSlugs = [...new Set(inputs.map((input) => input.source.slug))];
  const known = await resolveSlugs(
    writer.db,
    null,
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
  for (const kind of CODES.subjectKinds.values) {
    const slugs = inputs
      .filter((input) => input.subject.kind === kind)
      .map((input) => input.subject.slug);
    if (slugs.length === 0) continue;
    const rows = await writer.db.all<{ id: number; slug: string }>(
      `SELECT id, slug FROM ${ENTITIES[kind].table} WHERE slug IN (SELECT value FROM json_each(?))`,
      [JSON.stringify([...new Set(slugs)])],
      WRITE,
    );
    const regions = await regionsOf(
      writer.db,
      kind,
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      subjects.set(`${kind}:${row.slug}`, { id: row.id, regionId: regions.get(row.id) ?? null });
    }
  }
  const regionIds = await resolveSlugs(
    writer.db,
    'claim',
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
         WHERE c.preferred = 1 AND c.id <> ?
           AND json_array(i.slug, c.subject_kind, c.subject_id, c.comparison_key)
             IN (SELECT value FROM json_each(?))`,
        [supersedes?.id ?? 0, JSON.stringify(groups)],
        WRITE,
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
    // these become columns below (comparison_key defaults to the slug, region to the subject's)
    const {
      source: _s,
      subject: _subject,
      region: _region,
      comparisonKey: _key,
      ...fields
    } = input;
    rows.push(fields);
    extra.push({
      source_id: sourceIds.get(input.source.slug) ?? null,
      subject_kind: input.subject.kind,
      subject_id: subject?.id ?? 0,
      region_id: regionId,
      comparison_key: input.comparisonKey ?? input.slug,
      preferred: preferred ? 1 : 0,
      preferred_reason: preferred
        ? supersedes
          ? `Supersedes claim ${supersedes.slug}.`
          : 'Only report of this figure.'
        : null,
      ...(supersedes ? { supersedes_id: supersedes.id } : {}),
    });
  });
  throwIssues(issues);
  return createRows(writer, batch, 'claim', rows, pathOf, (_input, i) => extra[i] as SnakeRow);
}

/**
 * Makes a claim the preferred one of its comparison group, with the reason; the claim preferred
 * until now (if another) stops being preferred, in the same batch. Both must be claims the key
 * may write, and the claim must stand (not withdrawn or superseded).
 */
export async function markClaimPreferred(
  writer: PartnerWriter,
  batch: WriteBatch,
  target: Target,
  reason: string,
): Promise<number> {
  const { id, version, idPath } = target;
  const current = await standingClaim(writer, target);
  const other = await writer.db.first<{ id: number; version: number; regionId: number }>(
    `SELECT c.id, c.version, c.region_id AS regionId FROM claims c JOIN claims me ON me.id = ?
     WHERE c.indicator_id = me.indicator_id AND c.subject_kind = me.subject_kind
       AND c.subject_id = me.subject_id AND c.comparison_key = me.comparison_key
       AND c.preferred = 1 AND c.id <> me.id`,
    [id],
    WRITE,
  );
  if (other) {
    // the flag leaves the other claim: that claim is written too
    await requireTouched(writer, [{ path: idPath, regionId: other.regionId }]);
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

/**
 * The claim a correction or preference names, from the version the client read; refused when it
 * was withdrawn or superseded (it is kept as it was, never changed again).
 */
export async function standingClaim(writer: PartnerWriter, target: Target) {
  const current = await rowForWrite(writer, 'claim', target.id, target.version, target.idPath);
  if (current.row.status === 'active') return current;
  throw new ValidationError([
    {
      path: target.idPath,
      message: `This claim was ${current.row.status}; it stays as it is. Record a new claim instead.`,
      code: 'not_active',
    },
  ]);
}
