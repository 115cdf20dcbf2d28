/** Projects: investment and construction projects in a region and sector. */
import type { Db } from './client';
import type { Code } from './codes';
import { Conditions, type NumberRange, type SitedFilter } from './conditions';
import { defineEntity } from './entity';
import { sortedList } from './lists';
import type { SortColumn } from './ordering';
import type { RegionWithLevels } from './regions';

/** Who pays for a project or plant. */
export type Financing = Code<'financings'>;

export interface Project {
  id: number;
  slug: string;
  regionId: number;
  sectorId: number | null;
  nameFa: string;
  nameEn: string;
  descriptionFa: string | null;
  descriptionEn: string | null;
  status: Code<'projectStatuses'>;
  progressPct: number | null;
  directJobs: number | null;
  investmentAmount: number | null;
  investmentUnit: Code<'moneyUnits'> | null;
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
  alias: 'p',
  search: 'project',
  columns: [
    'id',
    'slug!',
    'region_id!',
    'sector_id',
    'name_fa!',
    'name_en!',
    'description_fa',
    'description_en',
    'status!',
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
    'synthetic!',
  ],
  references: { region: 'region', sector: 'sector', source: 'source' },
  region: 'region_id',
});

export interface ProjectFilter extends SitedFilter {
  status?: readonly string[] | null;
  financing?: readonly string[] | null;
  progressPercent?: NumberRange | null;
  directJobs?: NumberRange | null;
}

/** The sortable columns besides ID and NAME, by order field; nulls sort last. */
export const PROJECT_ORDER_COLUMNS: Record<string, SortColumn> = {
  PROGRESS: { sql: 'p.progress_pct', key: 'progressPct', range: 'progressPercent' },
  DIRECT_JOBS: { sql: 'p.direct_jobs', key: 'directJobs', range: 'directJobs' },
  INVESTMENT: { sql: 'p.investment_rial', key: 'investmentRial' },
  STARTED_ON: { sql: 'p.started_on', key: 'startedOn', range: 'startedOn' },
  OPENED_ON: { sql: 'p.opened_on', key: 'openedOn', range: 'openedOn' },
};

/**
 * The SQL conditions of a project filter, refusing bad values by name; `region`, when given, is
 * `filter.region` already looked up (`filterRegion`).
 */
export async function projectConditions(
  db: Db,
  filter: ProjectFilter | null | undefined,
  region?: RegionWithLevels | null,
) {
  const conditions = new Conditions();
  if (!filter) return conditions;
  return (
    (await conditions.sited(db, 'p', filter, region))
      .countedBy(
        'projects p',
        {
          'p.province_id': 'projects_province_status_progress',
          'p.county_id': 'projects_county_status_progress',
        },
        ['p.status', 'p.progress_pct'],
      )
      // projects_status, projects_financing: (column, id) indexes (migration 0005)
      .oneOf('p.status', filter.status, { keyed: true })
      .oneOf('p.financing', filter.financing, { keyed: true })
      .range('p.progress_pct', 'progressPercent', filter.progressPercent, { min: 0, max: 100 })
      .range('p.direct_jobs', 'directJobs', filter.directJobs, { min: 0 })
  );
}

export const projectList = sortedList(projects, PROJECT_ORDER_COLUMNS, projectConditions);

/** The keyset ordering of a project order; a range filter on the sort column drops its null group. */
export const projectOrdering = projectList.ordering;
