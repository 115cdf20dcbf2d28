/** Projects: investment and construction projects in a region and sector. */
import type { Db } from './client';
import { codeList } from './codes';
import { bounded, Conditions, type DateRange, type NumberRange } from './conditions';
import { defineEntity } from './entity';
import type { ListSpec } from './lists';
import { buildOrdering, type OrderInput, type Ordering } from './ordering';

export const PROJECT_STATUSES = codeList({
  planned: { fa: 'برنامه‌ریزی‌شده', en: 'Planned' },
  under_construction: { fa: 'در حال ساخت', en: 'Under construction' },
  operational: { fa: 'در حال بهره‌برداری', en: 'Operational' },
  suspended: { fa: 'متوقف', en: 'Suspended' },
  cancelled: { fa: 'لغوشده', en: 'Cancelled' },
});
export type ProjectStatus = (typeof PROJECT_STATUSES.values)[number];

/** Who pays for a project or plant. */
export const FINANCINGS = codeList({
  private: { fa: 'خصوصی', en: 'Private' },
  public: { fa: 'دولتی', en: 'Public' },
  bank: { fa: 'بانکی', en: 'Bank' },
  mixed: { fa: 'ترکیبی', en: 'Mixed' },
});
export type Financing = (typeof FINANCINGS.values)[number];

export const MONEY_UNITS = codeList({
  rial: {},
  billion_rial: {},
  toman: { description: '10 rial.' },
  billion_toman: { description: '10^9 toman = 10^10 rial.' },
  hemat: { description: 'همت: 10^12 toman = 10^13 rial.' },
  usd: {},
  million_usd: {},
});
export type MoneyUnit = (typeof MONEY_UNITS.values)[number];

export interface Project {
  id: number;
  slug: string;
  regionId: number;
  sectorId: number | null;
  nameFa: string;
  nameEn: string;
  descriptionFa: string | null;
  descriptionEn: string | null;
  status: ProjectStatus;
  progressPct: number | null;
  directJobs: number | null;
  investmentAmount: number | null;
  investmentUnit: MoneyUnit | null;
  investmentRial: number | null;
  startedOn: string | null;
  openedOn: string | null;
  financing: Financing | null;
  investors: string | null;
  sourceId: number | null;
  synthetic: number;
}

export const projects = defineEntity<Project>({
  kind: 'project',
  table: 'projects',
  alias: 'p',
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
  ],
  references: {
    region: { column: 'region_id', kind: 'region' },
    sector: { column: 'sector_id', kind: 'sector' },
    source: { column: 'source_id', kind: 'source' },
  },
  region: 'region_id',
  notNull: ['slug', 'region_id', 'name_fa', 'name_en', 'status', 'synthetic'],
});

export interface ProjectFilter {
  region?: string | null;
  sector?: string | null;
  status?: readonly string[] | null;
  financing?: readonly string[] | null;
  progressPercent?: NumberRange | null;
  directJobs?: NumberRange | null;
  startedOn?: DateRange | null;
  openedOn?: DateRange | null;
  synthetic?: boolean | null;
}

/** The sortable columns besides ID and NAME: order field → [SQL, row key], nulls last. */
export const PROJECT_ORDER_COLUMNS: Record<string, [string, string]> = {
  PROGRESS: ['p.progress_pct', 'progressPct'],
  DIRECT_JOBS: ['p.direct_jobs', 'directJobs'],
  INVESTMENT: ['p.investment_rial', 'investmentRial'],
  STARTED_ON: ['p.started_on', 'startedOn'],
  OPENED_ON: ['p.opened_on', 'openedOn'],
};

/** The keyset ordering of a project order; a range filter on the sort column drops its null group. */
export function projectOrdering(
  order: OrderInput | null | undefined,
  lang: 'fa' | 'en',
  filter?: ProjectFilter | null,
): Ordering {
  const ranged = new Set<string>();
  if (bounded(filter?.progressPercent)) ranged.add('PROGRESS');
  if (bounded(filter?.directJobs)) ranged.add('DIRECT_JOBS');
  if (bounded(filter?.startedOn)) ranged.add('STARTED_ON');
  if (bounded(filter?.openedOn)) ranged.add('OPENED_ON');
  return buildOrdering('p', PROJECT_ORDER_COLUMNS, order, lang, ranged);
}

/** The SQL conditions of a project filter, refusing bad values by name. */
export async function projectConditions(db: Db, filter: ProjectFilter | null | undefined) {
  const conditions = new Conditions();
  if (!filter) return conditions;
  await conditions.trees(db, 'p', filter);
  return conditions
    .oneOf('p.status', filter.status)
    .oneOf('p.financing', filter.financing)
    .range('p.progress_pct', 'progressPercent', filter.progressPercent, { min: 0, max: 100 })
    .range('p.direct_jobs', 'directJobs', filter.directJobs, { min: 0 })
    .dates('p.started_on', 'startedOn', filter.startedOn)
    .dates('p.opened_on', 'openedOn', filter.openedOn)
    .flag('p.synthetic', filter.synthetic);
}

export const projectList: ListSpec<Project, ProjectFilter> = {
  source: projects.list,
  ordering: projectOrdering,
  conditions: projectConditions,
};
