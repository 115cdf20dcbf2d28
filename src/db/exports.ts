/**
 * The rows each export writes: each entity's own columns read by its list's statements (the page
 * walks the entity's own table, as a list does), then, once per page, the rows they point to
 * (region, sector, source, indicator, subject) looked up by their distinct ids, so a page reads
 * about one row per row it writes, not one per row and join. Codes are written next to their
 * Persian and English labels.
 */
import { formatJalali, toJalali } from '../lib/jalali';
import { keyRows, ROWS_PER_KEY } from './bound-keys';
import type { Db } from './client';
import { CODES, type CodeList, labelOf } from './codes';

export type Row = Record<string, unknown>;
export type Record_ = Record<string, string | number | boolean | null>;

const jalali = (iso: unknown) => (typeof iso === 'string' ? formatJalali(toJalali(iso)) : null);
const text = (value: unknown) => (value == null ? null : String(value));
const num = (value: unknown) => (value == null ? null : Number(value));

/**
 * Rows of `table` a page's rows point to by the id in their field `key` (only rows whose field
 * `kind.field` is `kind.value`, for a claim's subject), read once per page and copied into each
 * row under the names `columns` gives.
 */
export interface Lookup {
  key: string;
  table: string;
  columns: Readonly<Record<string, string>>;
  kind?: { field: string; value: string };
}

export interface ExportEntity {
  /** the table alias the list conditions use */
  alias: string;
  /** the entity's own table with that alias: the statements read it alone */
  table: string;
  /** its own columns (the ids `lookups` follow among them) */
  select: string;
  lookups: readonly Lookup[];
  /** one flat record per row (its lookups copied in), codes next to their fa/en labels */
  record(row: Row): Record_;
}

/**
 * Copies into each of `rows` the rows its `lookups` point to: one statement per lookup with any
 * ids, each by primary key, together in one round trip, priced at one row per distinct id.
 */
export async function lookUp(db: Db, entity: ExportEntity, rows: Row[]): Promise<void> {
  const wanted = entity.lookups.map((lookup) => {
    const ids = new Set<number>();
    for (const row of rows) {
      const id = row[lookup.key];
      if (typeof id !== 'number') continue;
      if (lookup.kind && row[lookup.kind.field] !== lookup.kind.value) continue;
      ids.add(id);
    }
    return { lookup, ids: [...ids] };
  });
  const used = wanted.filter(({ ids }) => ids.length > 0);
  if (used.length === 0) return;
  const results = await db.batch<Row>(
    used.map(({ lookup, ids }) => {
      const keys = keyRows(ids);
      const columns = Object.entries(lookup.columns)
        .map(([column, as]) => `x.${column} AS "${as}"`)
        .join(', ');
      return {
        sql: `SELECT k.value AS ostan_id, ${columns} FROM ${keys.sql} k JOIN ${lookup.table} x ON x.id = k.value`,
        params: keys.params,
      };
    }),
    {
      rows: used.reduce((sum, { ids }) => sum + ids.length, 0) * ROWS_PER_KEY,
      argument: 'limit',
    },
  );
  for (const [i, { lookup }] of used.entries()) {
    const byId = new Map((results[i] ?? []).map((found) => [Number(found.ostan_id), found]));
    for (const row of rows) {
      if (lookup.kind && row[lookup.kind.field] !== lookup.kind.value) continue;
      const found = byId.get(row[lookup.key] as number);
      for (const as of Object.values(lookup.columns)) row[as] = found?.[as] ?? null;
    }
  }
}

/**
 * The most `pages` pages holding `rows` rows in all may read in their lookups: a row per distinct
 * id a page holds, and no more ids a page than the table holds (`tableRows`, by each lookup's
 * table, as `lookupTables` lists them); a row's subject is one of its kind lookups.
 */
export function lookupRows(
  entity: ExportEntity,
  rows: number,
  tableRows: readonly number[],
  pages = 1,
) {
  const tables = lookupTables(entity);
  let sum = 0;
  let kinds = 0;
  for (const lookup of entity.lookups) {
    const held = tableRows[tables.indexOf(lookup.table)] ?? rows;
    if (lookup.kind) kinds += held;
    else sum += Math.min(rows, pages * held);
  }
  return (sum + Math.min(rows, pages * kinds)) * ROWS_PER_KEY;
}

/** The tables an entity's lookups read, each once. */
export function lookupTables(entity: ExportEntity): string[] {
  return [...new Set(entity.lookups.map((lookup) => lookup.table))];
}

function labelled(prefix: string, list: CodeList<string>, code: unknown): Record_ {
  const { fa, en } = labelOf(list, text(code));
  return { [prefix]: text(code), [`${prefix}_fa`]: fa, [`${prefix}_en`]: en };
}

function place(prefix: string, row: Row, key: string): Record_ {
  return {
    [prefix]: text(row[`${key}Slug`]),
    [`${prefix}_fa`]: text(row[`${key}Fa`]),
    [`${prefix}_en`]: text(row[`${key}En`]),
  };
}

/** A row's slug and names. */
const named = (r: Row): Record_ => ({
  slug: text(r.slug),
  name_fa: text(r.name_fa),
  name_en: text(r.name_en),
});

/** A date column with its Jalali form beside it. */
const dated = (r: Row, column: string): Record_ => ({
  [column]: text(r[column]),
  [`${column}_jalali`]: jalali(r[column]),
});

/** The joined source (`SOURCE_COLUMNS`): its slug, publisher and address. */
const sourced = (r: Row): Record_ => ({
  source: text(r.sourceSlug),
  source_publisher: text(r.sourcePublisher),
  source_url: text(r.sourceUrl),
});

const REGION: Lookup = {
  key: 'region_id',
  table: 'regions',
  columns: { slug: 'regionSlug', name_fa: 'regionFa', name_en: 'regionEn' },
};
const SECTOR: Lookup = {
  key: 'sector_id',
  table: 'sectors',
  columns: { slug: 'sectorSlug', name_fa: 'sectorFa', name_en: 'sectorEn' },
};
const SOURCE: Lookup = {
  key: 'source_id',
  table: 'sources',
  columns: {
    slug: 'sourceSlug',
    publisher: 'sourcePublisher',
    url: 'sourceUrl',
    published_on: 'sourcePublishedOn',
  },
};

export const PROJECTS: ExportEntity = {
  alias: 'p',
  select: `p.id, p.slug, p.name_fa, p.name_en, p.description_fa, p.description_en, p.status, p.progress_pct,
    p.direct_jobs, p.investment_amount, p.investment_unit, p.investment_rial, p.started_on, p.opened_on,
    p.financing, p.investors, p.synthetic, p.region_id, p.sector_id, p.source_id`,
  table: 'projects p',
  lookups: [REGION, SECTOR, SOURCE],
  record: (r) => ({
    ...named(r),
    ...labelled('status', CODES.projectStatuses, r.status),
    progress_percent: num(r.progress_pct),
    direct_jobs: num(r.direct_jobs),
    investment_amount: num(r.investment_amount),
    investment_unit: text(r.investment_unit),
    investment_rial: num(r.investment_rial),
    ...dated(r, 'started_on'),
    ...dated(r, 'opened_on'),
    ...labelled('financing', CODES.financings, r.financing),
    investors: text(r.investors),
    ...place('region', r, 'region'),
    ...place('sector', r, 'sector'),
    ...sourced(r),
    description_fa: text(r.description_fa),
    description_en: text(r.description_en),
    synthetic: r.synthetic === 1,
  }),
};

export const ENERGY_ASSETS: ExportEntity = {
  alias: 'e',
  select: `e.id, e.slug, e.name_fa, e.name_en, e.technology, e.capacity_mw, e.capacity_qualifier, e.rating, e.status, e.phase,
    e.parent_id, e.owner, e.financing, e.started_on, e.opened_on, e.location_fa, e.location_en, e.synthetic,
    e.region_id, e.sector_id, e.source_id`,
  table: 'energy_assets e',
  lookups: [
    REGION,
    SECTOR,
    SOURCE,
    { key: 'parent_id', table: 'energy_assets', columns: { slug: 'plantSlug' } },
  ],
  record: (r) => ({
    ...named(r),
    ...labelled('technology', CODES.technologies, r.technology),
    capacity_mw: num(r.capacity_mw),
    // "more_than": capacity_mw is a lower bound ("over 570 MW"), never to be read as exact
    capacity_qualifier: text(r.capacity_qualifier),
    ...labelled('rating', CODES.ratings, r.rating),
    ...labelled('status', CODES.energyStatuses, r.status),
    phase: num(r.phase),
    plant: text(r.plantSlug),
    owner: text(r.owner),
    ...labelled('financing', CODES.financings, r.financing),
    ...dated(r, 'started_on'),
    ...dated(r, 'opened_on'),
    ...place('region', r, 'region'),
    location_fa: text(r.location_fa),
    location_en: text(r.location_en),
    ...place('sector', r, 'sector'),
    ...sourced(r),
    synthetic: r.synthetic === 1,
  }),
};

/** A claim's subject, by its kind: the slug of the row in that kind's table. */
const SUBJECTS: Lookup[] = (
  [
    ['region', 'regions'],
    ['project', 'projects'],
    ['energy_asset', 'energy_assets'],
    ['sector', 'sectors'],
    ['plan', 'plans'],
  ] as const
).map(([value, table]) => ({
  key: 'subject_id',
  table,
  columns: { slug: 'subjectSlug' },
  kind: { field: 'subject_kind', value },
}));

export const CLAIMS: ExportEntity = {
  alias: 'c',
  select: `c.id, c.slug, c.subject_kind, c.subject_id, c.value, c.value_max, c.unit, c.scale,
    c.normalised_value, c.normalised_value_max, c.qualifier, c.measure, c.period_text, c.as_of, c.period_start,
    c.period_end, c.reported_status, c.rating, c.speaker_fa, c.speaker_en, c.key_phrase_fa, c.note_en, c.basis,
    c.conflict_group, c.quantity, c.scope_note, c.preferred, c.preferred_reason, c.unresolved_reason, c.synthetic,
    c.status, c.status_reason, c.status_at, c.indicator_id, c.region_id, c.source_id`,
  table: 'claims c',
  lookups: [
    {
      key: 'indicator_id',
      table: 'indicators',
      columns: {
        slug: 'indicatorSlug',
        name_fa: 'indicatorFa',
        name_en: 'indicatorEn',
        unit: 'indicatorUnit',
      },
    },
    REGION,
    SOURCE,
    ...SUBJECTS,
  ],
  record: (r) => ({
    slug: text(r.slug),
    ...place('indicator', r, 'indicator'),
    subject_kind: text(r.subject_kind),
    subject: text(r.subjectSlug),
    ...place('region', r, 'region'),
    value: num(r.value),
    value_max: num(r.value_max),
    unit: text(r.unit),
    scale: text(r.scale),
    normalised_value: num(r.normalised_value),
    normalised_value_max: num(r.normalised_value_max),
    indicator_unit: text(r.indicatorUnit),
    qualifier: text(r.qualifier),
    ...labelled('measure', CODES.measures, r.measure),
    period_text: text(r.period_text),
    ...dated(r, 'as_of'),
    period_start: text(r.period_start),
    period_end: text(r.period_end),
    reported_status: text(r.reported_status),
    rating: text(r.rating),
    speaker_fa: text(r.speaker_fa),
    speaker_en: text(r.speaker_en),
    key_phrase_fa: text(r.key_phrase_fa),
    note_en: text(r.note_en),
    basis: text(r.basis),
    conflict_group: text(r.conflict_group),
    quantity: text(r.quantity),
    scope_note: text(r.scope_note),
    preferred: r.preferred === 1,
    preferred_reason: text(r.preferred_reason),
    unresolved_reason: text(r.unresolved_reason),
    // a withdrawn or superseded claim is exported too, saying so (never preferred)
    status: text(r.status),
    status_reason: text(r.status_reason),
    status_at: text(r.status_at),
    source: text(r.sourceSlug),
    source_publisher: text(r.sourcePublisher),
    source_published_on: text(r.sourcePublishedOn),
    source_url: text(r.sourceUrl),
    synthetic: r.synthetic === 1,
  }),
};
