/** Projects: investment and construction projects in a region and sector. */
import { defineTable } from './table';

export type ProjectStatus =
  | 'planned'
  | 'under_construction'
  | 'operational'
  | 'suspended'
  | 'cancelled';
export type Financing = 'private' | 'public' | 'bank' | 'mixed';
export type MoneyUnit =
  | 'rial'
  | 'billion_rial'
  | 'toman'
  | 'billion_toman'
  | 'hemat'
  | 'usd'
  | 'million_usd';

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

export const projects = defineTable<Project>({
  table: 'projects',
  alias: 'p',
  columns:
    'p.id, p.slug, p.region_id AS regionId, p.sector_id AS sectorId, p.name_fa AS nameFa, p.name_en AS nameEn, p.description_fa AS descriptionFa, p.description_en AS descriptionEn, p.status, p.progress_pct AS progressPct, p.direct_jobs AS directJobs, p.investment_amount AS investmentAmount, p.investment_unit AS investmentUnit, p.investment_rial AS investmentRial, p.started_on AS startedOn, p.opened_on AS openedOn, p.financing, p.investors, p.source_id AS sourceId, p.synthetic',
});
