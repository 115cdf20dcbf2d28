/** The entities partners write and the change feed carries: table, columns, search kind, type name. */
import type { SearchKind } from '../../lib/persian';

export type EntityKind =
  | 'source'
  | 'region'
  | 'sector'
  | 'indicator'
  | 'project'
  | 'energy_asset'
  | 'plan'
  | 'claim'
  | 'plan_target';

export interface EntityInfo {
  table: string;
  /** every column, in table order: what a change carries and what replaying it restores */
  columns: readonly string[];
  /** the GraphQL type whose global ID the feed gives */
  typename: string;
  search: SearchKind | null;
}

export const ENTITIES: Readonly<Record<EntityKind, EntityInfo>> = {
  source: {
    table: 'sources',
    typename: 'Source',
    search: 'source',
    columns: [
      'id',
      'slug',
      'kind',
      'publisher',
      'title_en',
      'title_fa',
      'url',
      'language',
      'published_on',
      'published_basis',
      'note',
      'synthetic',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  region: {
    table: 'regions',
    typename: 'Region',
    search: 'region',
    columns: [
      'id',
      'slug',
      'kind',
      'parent_id',
      'iso_code',
      'name_fa',
      'name_en',
      'area_km2',
      'area_source_id',
      'synthetic',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  sector: {
    table: 'sectors',
    typename: 'Sector',
    search: 'sector',
    columns: [
      'id',
      'slug',
      'parent_id',
      'name_fa',
      'name_en',
      'isic_code',
      'synthetic',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  indicator: {
    table: 'indicators',
    typename: 'Indicator',
    search: 'indicator',
    columns: [
      'id',
      'slug',
      'name_fa',
      'name_en',
      'unit',
      'direction',
      'description_en',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  project: {
    table: 'projects',
    typename: 'Project',
    search: 'project',
    columns: [
      'id',
      'slug',
      'region_id',
      'sector_id',
      'name_fa',
      'name_en',
      'description_fa',
      'description_en',
      'status',
      'progress_pct',
      'direct_jobs',
      'investment_amount',
      'investment_unit',
      'investment_rial',
      'started_on',
      'opened_on',
      'financing',
      'investors',
      'source_id',
      'synthetic',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  energy_asset: {
    table: 'energy_assets',
    typename: 'EnergyAsset',
    search: 'energy_asset',
    columns: [
      'id',
      'slug',
      'parent_id',
      'phase',
      'region_id',
      'sector_id',
      'name_fa',
      'name_en',
      'location_fa',
      'location_en',
      'technology',
      'capacity_mw',
      'rating',
      'status',
      'owner',
      'financing',
      'started_on',
      'opened_on',
      'source_id',
      'synthetic',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  plan: {
    table: 'plans',
    typename: 'Plan',
    search: 'plan',
    columns: [
      'id',
      'slug',
      'region_id',
      'kind',
      'name_fa',
      'name_en',
      'description_en',
      'status',
      'issued_on',
      'starts_on',
      'ends_on',
      'source_id',
      'synthetic',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  claim: {
    table: 'claims',
    typename: 'Claim',
    search: 'claim',
    columns: [
      'id',
      'slug',
      'source_id',
      'indicator_id',
      'subject_kind',
      'subject_id',
      'region_id',
      'value',
      'value_max',
      'unit',
      'scale',
      'normalised_value',
      'normalised_value_max',
      'qualifier',
      'measure',
      'period_text',
      'as_of',
      'period_start',
      'period_end',
      'reported_status',
      'rating',
      'speaker_fa',
      'speaker_en',
      'key_phrase_fa',
      'note_en',
      'basis',
      'conflict_group',
      'comparison_key',
      'preferred',
      'preferred_reason',
      'synthetic',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  plan_target: {
    table: 'plan_targets',
    typename: 'PlanTarget',
    search: null,
    columns: [
      'id',
      'slug',
      'plan_id',
      'indicator_id',
      'region_id',
      'comparator',
      'target_value',
      'target_kind',
      'baseline_value',
      'baseline_on',
      'deadline_on',
      'description_fa',
      'description_en',
      'claim_id',
      'synthetic',
      'version',
      'created_at',
      'updated_at',
    ],
  },
};

export const ENTITY_KINDS = Object.keys(ENTITIES) as EntityKind[];

/**
 * SQL for one row of `kind` as a JSON object with every column (`alias.` prefixes each column).
 * The same expression backfilled the feed in migrations/0007, so every change has one shape.
 */
export function rowJson(kind: EntityKind, alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return `json_object(${ENTITIES[kind].columns.map((c) => `'${c}', ${prefix}${c}`).join(', ')})`;
}

export type SnakeRow = Record<string, string | number | null>;

/** A snake_case row as the read layer's camelCase domain row (`region_id` → `regionId`). */
export function camelRow<Row>(row: SnakeRow): Row {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()),
      value,
    ]),
  ) as Row;
}
