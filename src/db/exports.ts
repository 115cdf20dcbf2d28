/** The rows each export writes: SQL with codes joined to their Persian and English labels. */
import { formatJalali, toJalali } from '../lib/jalali';

import { CODES, type CodeList, labelOf } from './codes';

export type Row = Record<string, unknown>;
export type Record_ = Record<string, string | number | boolean | null>;

const jalali = (iso: unknown) => (typeof iso === 'string' ? formatJalali(toJalali(iso)) : null);
const text = (value: unknown) => (value == null ? null : String(value));
const num = (value: unknown) => (value == null ? null : Number(value));

export interface ExportEntity {
  /** the table alias the list conditions use */
  alias: string;
  select: string;
  from: string;
  /** one flat record per row, codes next to their fa/en labels */
  record(row: Row): Record_;
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

const REGION_JOIN = 'JOIN regions xr ON xr.id = {alias}.region_id';
const REGION_COLUMNS = 'xr.slug AS regionSlug, xr.name_fa AS regionFa, xr.name_en AS regionEn';
const SECTOR_JOIN = 'LEFT JOIN sectors xs ON xs.id = {alias}.sector_id';
const SECTOR_COLUMNS = 'xs.slug AS sectorSlug, xs.name_fa AS sectorFa, xs.name_en AS sectorEn';
const SOURCE_JOIN = 'LEFT JOIN sources xo ON xo.id = {alias}.source_id';
const SOURCE_COLUMNS =
  'xo.slug AS sourceSlug, xo.publisher AS sourcePublisher, xo.url AS sourceUrl, xo.published_on AS sourcePublishedOn';

const joins = (alias: string, ...parts: string[]) =>
  parts.map((p) => p.replaceAll('{alias}', alias)).join(' ');

export const PROJECTS: ExportEntity = {
  alias: 'p',
  select: `p.id, p.slug, p.name_fa, p.name_en, p.description_fa, p.description_en, p.status, p.progress_pct,
    p.direct_jobs, p.investment_amount, p.investment_unit, p.investment_rial, p.started_on, p.opened_on,
    p.financing, p.investors, p.synthetic, ${REGION_COLUMNS}, ${SECTOR_COLUMNS}, ${SOURCE_COLUMNS}`,
  from: `projects p ${joins('p', REGION_JOIN, SECTOR_JOIN, SOURCE_JOIN)}`,
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
    (SELECT slug FROM energy_assets parent WHERE parent.id = e.parent_id) AS plantSlug, e.owner, e.financing,
    e.started_on, e.opened_on, e.location_fa, e.location_en, e.synthetic,
    ${REGION_COLUMNS}, ${SECTOR_COLUMNS}, ${SOURCE_COLUMNS}`,
  from: `energy_assets e ${joins('e', REGION_JOIN, SECTOR_JOIN, SOURCE_JOIN)}`,
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

const SUBJECT_SLUG = `CASE c.subject_kind
    WHEN 'region' THEN (SELECT slug FROM regions WHERE id = c.subject_id)
    WHEN 'project' THEN (SELECT slug FROM projects WHERE id = c.subject_id)
    WHEN 'energy_asset' THEN (SELECT slug FROM energy_assets WHERE id = c.subject_id)
    WHEN 'sector' THEN (SELECT slug FROM sectors WHERE id = c.subject_id)
    WHEN 'plan' THEN (SELECT slug FROM plans WHERE id = c.subject_id) END`;

export const CLAIMS: ExportEntity = {
  alias: 'c',
  select: `c.id, c.slug, c.subject_kind, ${SUBJECT_SLUG} AS subjectSlug, c.value, c.value_max, c.unit, c.scale,
    c.normalised_value, c.normalised_value_max, c.qualifier, c.measure, c.period_text, c.as_of, c.period_start,
    c.period_end, c.reported_status, c.rating, c.speaker_fa, c.speaker_en, c.key_phrase_fa, c.note_en, c.basis,
    c.conflict_group, c.quantity, c.scope_note, c.preferred, c.preferred_reason, c.unresolved_reason, c.synthetic,
    c.status, c.status_reason, c.status_at,
    xi.slug AS indicatorSlug, xi.name_fa AS indicatorFa, xi.name_en AS indicatorEn, xi.unit AS indicatorUnit,
    ${REGION_COLUMNS}, ${SOURCE_COLUMNS}`,
  from: `claims c JOIN indicators xi ON xi.id = c.indicator_id ${joins('c', REGION_JOIN, SOURCE_JOIN)}`,
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
