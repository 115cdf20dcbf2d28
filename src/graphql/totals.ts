/** Group-by totals of projects and energy capacity, with the same filters as the lists. */
import { builder } from '../builder';
import type { Context } from '../context';
import {
  type Dimension,
  jalaliMonthOf,
  jalaliYearOf,
  MAX_GROUPS,
  type Stats,
  type TotalsRow,
  totals,
} from '../db/totals';
import { Rating } from './claim';
import { badInput } from './common';
import { EnergyAssetFilter, EnergyStatus, energyAssetConditions, Technology } from './energy-asset';
import { Financing, ProjectFilter, ProjectStatus, projectConditions } from './project';
import { Region } from './region';
import { Sector } from './sector';

const NumberStats = builder.objectRef<Stats>('NumberStats').implement({
  description:
    'Count of known values, and their sum, minimum, maximum and mean; null when none is known.',
  fields: (t) => ({
    count: t.exposeInt('count', {
      description: 'How many rows have a value (unknowns are not zeros).',
    }),
    sum: t.exposeFloat('sum', { nullable: true }),
    min: t.exposeFloat('min', { nullable: true }),
    max: t.exposeFloat('max', { nullable: true }),
    avg: t.exposeFloat('avg', { nullable: true }),
  }),
});

/** Dimensions both lists share; `alias` is the list's table alias (p or e). */
function sharedDimensions(alias: string): Record<string, Dimension> {
  return {
    REGION: { key: 'regionId', sql: `${alias}.region_id` },
    COUNTY: { key: 'countyId', sql: `${alias}.county_id` },
    PROVINCE: { key: 'provinceId', sql: `${alias}.province_id` },
    SECTOR: { key: 'sectorId', sql: `${alias}.sector_id` },
    TOP_SECTOR: { key: 'topSectorId', sql: 'sr.root_id' },
    STATUS: { key: 'status', sql: `${alias}.status` },
    FINANCING: { key: 'financing', sql: `${alias}.financing` },
    STARTED_YEAR: { key: 'startedYear', sql: jalaliYearOf(`${alias}.started_on`) },
    STARTED_MONTH: { key: 'startedMonth', sql: jalaliMonthOf(`${alias}.started_on`) },
    OPENED_YEAR: { key: 'openedYear', sql: jalaliYearOf(`${alias}.opened_on`) },
    OPENED_MONTH: { key: 'openedMonth', sql: jalaliMonthOf(`${alias}.opened_on`) },
  };
}

const SHARED_DIMENSIONS = {
  REGION: { description: 'The region each row is recorded in.' },
  COUNTY: { description: 'The county the row’s region lies in (null above county level).' },
  PROVINCE: { description: 'The province the row’s region lies in.' },
  SECTOR: { description: 'The row’s own sector.' },
  TOP_SECTOR: { description: 'The top of the row’s sector tree (industry, energy, …).' },
  STATUS: {},
  FINANCING: {},
  STARTED_YEAR: { description: 'Jalali year of the start date.' },
  STARTED_MONTH: { description: 'Jalali year and month of the start date.' },
  OPENED_YEAR: { description: 'Jalali year of the opening date.' },
  OPENED_MONTH: { description: 'Jalali year and month of the opening date.' },
} as const;

const ProjectDimension = builder.enumType('ProjectDimension', { values: SHARED_DIMENSIONS });
const EnergyDimension = builder.enumType('EnergyDimension', {
  values: { ...SHARED_DIMENSIONS, TECHNOLOGY: {} },
});

interface GroupShape extends TotalsRow {}

function jalaliYear(value: unknown) {
  return typeof value === 'number' ? Math.floor(value >= 10000 ? value / 100 : value) : null;
}
function jalaliMonth(value: unknown) {
  return typeof value === 'number' && value >= 10000 ? value % 100 : null;
}

/** The fields that say which group a row of totals is; null for dimensions not grouped by. */
function groupKeyFields(
  t: PothosSchemaTypes.ObjectFieldBuilder<
    PothosSchemaTypes.ExtendDefaultTypes<import('../builder').PothosTypes>,
    GroupShape
  >,
) {
  const id = (key: string) => (g: GroupShape) => (g.keys[key] as number | null | undefined) ?? null;
  return {
    region: t.field({ type: Region, nullable: true, resolve: id('regionId') }),
    county: t.field({ type: Region, nullable: true, resolve: id('countyId') }),
    province: t.field({ type: Region, nullable: true, resolve: id('provinceId') }),
    sector: t.field({ type: Sector, nullable: true, resolve: id('sectorId') }),
    topSector: t.field({ type: Sector, nullable: true, resolve: id('topSectorId') }),
    financing: t.field({
      type: Financing,
      nullable: true,
      resolve: (g) => (g.keys.financing as never) ?? null,
    }),
    startedJalaliYear: t.int({
      nullable: true,
      resolve: (g) => jalaliYear(g.keys.startedYear ?? g.keys.startedMonth),
    }),
    startedJalaliMonth: t.int({ nullable: true, resolve: (g) => jalaliMonth(g.keys.startedMonth) }),
    openedJalaliYear: t.int({
      nullable: true,
      resolve: (g) => jalaliYear(g.keys.openedYear ?? g.keys.openedMonth),
    }),
    openedJalaliMonth: t.int({ nullable: true, resolve: (g) => jalaliMonth(g.keys.openedMonth) }),
    count: t.exposeInt('count', { description: 'Rows in the group.' }),
  };
}

const ProjectTotal = builder.objectRef<GroupShape>('ProjectTotal').implement({
  description:
    'Totals of one group of projects. Unknown values are left out of sums, not counted as 0.',
  fields: (t) => ({
    ...groupKeyFields(t),
    status: t.field({
      type: ProjectStatus,
      nullable: true,
      resolve: (g) => (g.keys.status as never) ?? null,
    }),
    directJobs: t.field({ type: NumberStats, resolve: (g) => g.stats.directJobs as Stats }),
    investmentRial: t.field({
      type: NumberStats,
      description: 'Investment normalised to rial (amounts in other currencies are left out).',
      resolve: (g) => g.stats.investmentRial as Stats,
    }),
    progressPercent: t.field({
      type: NumberStats,
      resolve: (g) => g.stats.progressPercent as Stats,
    }),
  }),
});

const EnergyTotal = builder.objectRef<GroupShape>('EnergyTotal').implement({
  description:
    'Capacity of one group of plants, always within one rating: MW(AC), MW(DC) and MW of unknown rating are separate groups, never added. Plants built in phases count through their phases only.',
  fields: (t) => ({
    ...groupKeyFields(t),
    status: t.field({
      type: EnergyStatus,
      nullable: true,
      resolve: (g) => (g.keys.status as never) ?? null,
    }),
    technology: t.field({
      type: Technology,
      nullable: true,
      resolve: (g) => (g.keys.technology as never) ?? null,
    }),
    rating: t.field({ type: Rating, resolve: (g) => g.keys.rating as never }),
    capacityMw: t.field({ type: NumberStats, resolve: (g) => g.stats.capacityMw as Stats }),
  }),
});

function pickDimensions(all: Record<string, Dimension>, groupBy: readonly string[]) {
  if (new Set(groupBy).size !== groupBy.length)
    throw badInput('groupBy', '`groupBy` lists a dimension twice.');
  if (groupBy.length > 4) throw badInput('groupBy', '`groupBy` takes at most 4 dimensions.');
  return groupBy.map((name) => all[name] as Dimension);
}

function refuseTruncated(result: { rows: TotalsRow[]; truncated: boolean }) {
  if (result.truncated) {
    throw badInput(
      'groupBy',
      `More than ${MAX_GROUPS} groups: filter further or group by fewer dimensions.`,
    );
  }
  return result.rows;
}

const LEVEL_JOINS = (alias: string) =>
  `LEFT JOIN sector_roots sr ON sr.sector_id = ${alias}.sector_id`;

async function projectTotals(ctx: Context, filter: unknown, groupBy: readonly string[]) {
  const conditions = await projectConditions(ctx, filter as never);
  const dims = pickDimensions(sharedDimensions('p'), groupBy);
  return refuseTruncated(
    await totals(ctx.db, {
      from: `projects p ${LEVEL_JOINS('p')}`,
      where: conditions.where,
      params: conditions.params,
      dimensions: dims,
      measures: [
        { key: 'directJobs', sql: 'p.direct_jobs' },
        { key: 'investmentRial', sql: 'p.investment_rial' },
        { key: 'progressPercent', sql: 'p.progress_pct' },
      ],
    }),
  );
}

async function energyTotals(ctx: Context, filter: unknown, groupBy: readonly string[]) {
  const conditions = await energyAssetConditions(ctx, filter as never);
  // a plant built in phases is counted through its phases, never twice
  conditions.add('NOT EXISTS (SELECT 1 FROM energy_assets child WHERE child.parent_id = e.id)');
  const dims = pickDimensions(
    { ...sharedDimensions('e'), TECHNOLOGY: { key: 'technology', sql: 'e.technology' } },
    groupBy,
  );
  return refuseTruncated(
    await totals(ctx.db, {
      from: `energy_assets e ${LEVEL_JOINS('e')}`,
      where: conditions.where,
      params: conditions.params,
      // the rating is always a dimension: MW of different ratings are different quantities
      dimensions: [...dims, { key: 'rating', sql: 'e.rating' }],
      measures: [{ key: 'capacityMw', sql: 'e.capacity_mw' }],
    }),
  );
}

builder.queryFields((t) => ({
  projectTotals: t.field({
    type: [ProjectTotal],
    description:
      'Counts, jobs, investment and progress of the projects matching `filter`, grouped by up to four dimensions (none: one total).',
    args: {
      filter: t.arg({ type: ProjectFilter, required: false }),
      groupBy: t.arg({ type: [ProjectDimension], required: false, defaultValue: [] }),
    },
    resolve: (_root, args, ctx) => projectTotals(ctx, args.filter, args.groupBy ?? []),
  }),
  energyTotals: t.field({
    type: [EnergyTotal],
    description:
      'Capacity (MW) of the plants matching `filter`, grouped by up to four dimensions and always by rating.',
    args: {
      filter: t.arg({ type: EnergyAssetFilter, required: false }),
      groupBy: t.arg({ type: [EnergyDimension], required: false, defaultValue: [] }),
    },
    resolve: (_root, args, ctx) => energyTotals(ctx, args.filter, args.groupBy ?? []),
  }),
}));
