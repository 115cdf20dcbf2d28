/** Group-by totals of projects and energy capacity, with the same filters as the lists. */
import { type TotalScope, type TotalsEntity, totalScope } from '../db/coverage';
import { energyTotals, projectTotals } from '../db/totals';
import {
  ENERGY_DIMENSIONS,
  SHARED_DIMENSIONS,
  type Stats,
  type TotalsRow,
} from '../db/totals-statement';
import { builder, type PothosTypes } from './builder';
import { Rating } from './claim';
import type { Context } from './context';
import { Coverage, totalCoverage } from './coverage';
import { EnergyAssetFilter, EnergyStatus, Technology } from './energy-asset';
import { Financing, ProjectFilter, ProjectStatus } from './project';
import { reference } from './references';
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

/** A GraphQL enum of grouping dimensions, with the data layer's descriptions. */
function dimensionEnum<const Name extends string>(
  name: string,
  dimensions: Readonly<Record<Name, string | null>>,
) {
  return builder.enumType(name, {
    values: Object.fromEntries(
      Object.entries(dimensions).map(([key, description]) => [
        key,
        description ? { description } : {},
      ]),
    ) as Record<Name, object>,
  });
}

const ProjectDimension = dimensionEnum('ProjectDimension', SHARED_DIMENSIONS);
const EnergyDimension = dimensionEnum('EnergyDimension', ENERGY_DIMENSIONS);

interface GroupShape extends TotalsRow {
  scope: TotalScope;
}

/** A totals resolver whose groups carry their scope, which their coverage is judged in. */
function scoped<Filter extends object, Name extends string>(
  entity: TotalsEntity,
  totals: (
    db: Context['db'],
    filter: Filter | null | undefined,
    groupBy: Name[],
  ) => Promise<TotalsRow[]>,
) {
  return async (
    _root: unknown,
    args: { filter?: Filter | null; groupBy?: Name[] | null },
    ctx: Context,
  ): Promise<GroupShape[]> => {
    const groupBy = args.groupBy ?? [];
    const filter = args.filter as Record<string, unknown> | null | undefined;
    return (await totals(ctx.db, args.filter, groupBy)).map((row) => ({
      ...row,
      scope: totalScope(entity, filter, groupBy, row),
    }));
  };
}

const COVERAGE_DESCRIPTION =
  'What this sum covers: the itemised records it adds up, beside the figures reported for the same quantity and region, with a verdict. A sum of records is not a region’s figure.';

function jalaliYear(value: unknown) {
  return typeof value === 'number' ? Math.floor(value >= 10000 ? value / 100 : value) : null;
}
function jalaliMonth(value: unknown) {
  return typeof value === 'number' && value >= 10000 ? value % 100 : null;
}

/** A grouping key that is a code (status, financing, technology); null when not grouped by it. */
const code = (key: string) => (g: GroupShape) => (g.keys[key] as never) ?? null;

/** The fields that say which group a row of totals is; null for dimensions not grouped by. */
function groupKeyFields(
  t: PothosSchemaTypes.ObjectFieldBuilder<
    PothosSchemaTypes.ExtendDefaultTypes<PothosTypes>,
    GroupShape
  >,
) {
  const id = (key: string) => (g: GroupShape) => (g.keys[key] as number | null | undefined) ?? null;
  return {
    region: t.field({ type: Region, nullable: true, ...reference(Region, id('regionId')) }),
    county: t.field({ type: Region, nullable: true, ...reference(Region, id('countyId')) }),
    province: t.field({ type: Region, nullable: true, ...reference(Region, id('provinceId')) }),
    sector: t.field({ type: Sector, nullable: true, ...reference(Sector, id('sectorId')) }),
    topSector: t.field({ type: Sector, nullable: true, ...reference(Sector, id('topSectorId')) }),
    financing: t.field({ type: Financing, nullable: true, resolve: code('financing') }),
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
    status: t.field({ type: ProjectStatus, nullable: true, resolve: code('status') }),
    coverage: t.field({
      type: Coverage,
      description: `${COVERAGE_DESCRIPTION} Judged on the count of projects.`,
      resolve: (g, _args, ctx) =>
        totalCoverage(ctx, g.scope, {
          records: g.count,
          total: g.count,
          unit: 'records',
          lowerBounds: 0,
        }),
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
    status: t.field({ type: EnergyStatus, nullable: true, resolve: code('status') }),
    technology: t.field({ type: Technology, nullable: true, resolve: code('technology') }),
    rating: t.field({ type: Rating, resolve: (g) => g.keys.rating as never }),
    capacityMw: t.field({ type: NumberStats, resolve: (g) => g.stats.capacityMw as Stats }),
    capacityIsLowerBound: t.boolean({
      description:
        'True when a summed capacity is stated only as a lower bound (“over 570 MW”), so the sum is one too.',
      resolve: (g) => (g.stats.capacityLowerBounds?.count ?? 0) > 0,
    }),
    coverage: t.field({
      type: Coverage,
      description: `${COVERAGE_DESCRIPTION} Judged on the MW.`,
      resolve: (g, _args, ctx) =>
        totalCoverage(ctx, g.scope, {
          records: g.count,
          total: g.stats.capacityMw?.sum ?? null,
          unit: 'MW',
          lowerBounds: g.stats.capacityLowerBounds?.count ?? 0,
        }),
    }),
  }),
});

builder.queryFields((t) => ({
  projectTotals: t.field({
    type: [ProjectTotal],
    description:
      'Counts, jobs, investment and progress of the projects matching `filter`, grouped by up to four dimensions (none: one total).',
    args: {
      filter: t.arg({ type: ProjectFilter, required: false }),
      groupBy: t.arg({ type: [ProjectDimension], required: false, defaultValue: [] }),
    },
    resolve: scoped('project', projectTotals),
  }),
  energyTotals: t.field({
    type: [EnergyTotal],
    description:
      'Capacity (MW) of the plants matching `filter`, grouped by up to four dimensions and always by rating.',
    args: {
      filter: t.arg({ type: EnergyAssetFilter, required: false }),
      groupBy: t.arg({ type: [EnergyDimension], required: false, defaultValue: [] }),
    },
    resolve: scoped('energy_asset', energyTotals),
  }),
}));
