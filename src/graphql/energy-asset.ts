/** EnergyAsset: a power plant or one phase of it, with capacity, rating and status. */
import { builder } from '../builder';
import { type Context, loaderFor } from '../context';
import {
  type EnergyAsset as EnergyAssetRow,
  energyAssets,
  phasesOfPlants,
} from '../db/energy-assets';
import { buildOrdering, fetchPage, type Ordering, readWindow } from '../db/pagination';
import type { Lang } from '../lib/lang';
import { addClaimsField, Rating } from './claim';
import {
  addSlugQuery,
  bounded,
  Conditions,
  connectionType,
  DateRange,
  FloatRange,
  LangEnum,
  LocalDate,
  langArg,
  localDate,
  localised,
  nodeLoader,
  OrderDirection,
  parseLocalId,
  sqlEnum,
  wantsTotal,
} from './common';
import { addSubtreeConnections, Financing, treeFilters } from './project';
import { Region } from './region';
import { Sector } from './sector';
import { Source } from './source';

export const Technology = sqlEnum('EnergyTechnology', 'How a plant generates power.', [
  'solar_pv',
  'wind',
  'gas',
  'combined_cycle',
  'chp',
  'hydro',
  'other',
] as const);

export const EnergyStatus = sqlEnum('EnergyAssetStatus', 'Where a plant or phase is in its life.', [
  'operational',
  'under_construction',
  'licensed',
  'planned',
] as const);

export const EnergyAsset = builder.loadableNodeRef<EnergyAssetRow, number>('EnergyAsset', {
  id: { resolve: (asset) => asset.id, parse: parseLocalId },
  load: nodeLoader(energyAssets),
});

EnergyAsset.implement({
  description:
    'A power plant, or one phase of a plant built in phases (`parent`/`phases`). Capacity is in MW with its rating; unknown figures are null.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    nameFa: t.exposeString('nameFa'),
    nameEn: t.exposeString('nameEn'),
    name: t.string({
      args: langArg(),
      resolve: (e, { lang }, ctx) => localised(ctx, lang, e.nameFa, e.nameEn),
    }),
    location: t.string({
      nullable: true,
      args: langArg(),
      description: 'The site in words, where the source names one.',
      resolve: (e, { lang }, ctx) => localised(ctx, lang, e.locationFa, e.locationEn),
    }),
    technology: t.field({ type: Technology, resolve: (e) => e.technology }),
    capacityMw: t.exposeFloat('capacityMw', {
      nullable: true,
      description: 'Capacity in MW, in `rating`; null where only a target is known (see claims).',
    }),
    rating: t.field({ type: Rating, resolve: (e) => e.rating }),
    status: t.field({ type: EnergyStatus, resolve: (e) => e.status }),
    phase: t.exposeInt('phase', { nullable: true, description: 'Phase number within its plant.' }),
    parent: t.field({
      type: EnergyAsset,
      nullable: true,
      description: 'The plant this phase belongs to.',
      resolve: (e) => e.parentId,
    }),
    phases: t.field({
      type: [EnergyAsset],
      description: 'The phases of this plant, in order (empty for a plant not built in phases).',
      resolve: (e, _args, ctx) =>
        loaderFor<number, EnergyAssetRow[]>(ctx, 'energy:phases', (ids) =>
          phasesOfPlants(ctx.db, ids),
        ).load(e.id),
    }),
    owner: t.exposeString('owner', { nullable: true }),
    financing: t.field({ type: Financing, nullable: true, resolve: (e) => e.financing }),
    startedOn: t.field({ type: LocalDate, nullable: true, resolve: (e) => localDate(e.startedOn) }),
    openedOn: t.field({ type: LocalDate, nullable: true, resolve: (e) => localDate(e.openedOn) }),
    region: t.field({ type: Region, resolve: (e) => e.regionId }),
    sector: t.field({ type: Sector, nullable: true, resolve: (e) => e.sectorId }),
    source: t.field({ type: Source, nullable: true, resolve: (e) => e.sourceId }),
    synthetic: t.boolean({ resolve: (e) => e.synthetic === 1 }),
  }),
});

export const EnergyAssetConnection = connectionType(EnergyAsset, 'EnergyAssetConnection');

addClaimsField(EnergyAsset, 'c.subject_id', 'energy_asset', 'Claims about this plant or phase.');

export const EnergyAssetFilter = builder.inputType('EnergyAssetFilter', {
  description:
    'Conditions a plant or phase must all meet. Region and sector include everything below them.',
  fields: (t) => ({
    region: t.string({ required: false, description: 'Region slug.' }),
    sector: t.string({ required: false, description: 'Sector slug.' }),
    technology: t.field({ type: [Technology], required: false }),
    rating: t.field({ type: [Rating], required: false }),
    status: t.field({ type: [EnergyStatus], required: false }),
    capacityMw: t.field({ type: FloatRange, required: false }),
    startedOn: t.field({ type: DateRange, required: false }),
    openedOn: t.field({ type: DateRange, required: false }),
    plantsOnly: t.boolean({
      required: false,
      description:
        'true: only assets that are not phases of a plant; false: only leaves (phases, and plants not built in phases), whose capacities can be added up.',
    }),
    synthetic: t.boolean({ required: false }),
  }),
});

const EnergyAssetOrderField = builder.enumType('EnergyAssetOrderField', {
  values: { ID: {}, NAME: {}, CAPACITY: {}, STARTED_ON: {}, OPENED_ON: {} } as const,
});

export const EnergyAssetOrder = builder.inputType('EnergyAssetOrder', {
  description: 'Sort order; ties are broken by id, and unknown (null) values come last.',
  fields: (t) => ({
    field: t.field({ type: EnergyAssetOrderField, required: true }),
    direction: t.field({ type: OrderDirection, required: false, defaultValue: 'asc' }),
    lang: t.field({ type: LangEnum, required: false, description: 'For NAME.' }),
  }),
});

type EnergyAssetFilterArgs = typeof EnergyAssetFilter.$inferInput;
type EnergyAssetOrderArgs = typeof EnergyAssetOrder.$inferInput;

const ORDER_COLUMNS: Record<string, [string, string]> = {
  CAPACITY: ['e.capacity_mw', 'capacityMw'],
  STARTED_ON: ['e.started_on', 'startedOn'],
  OPENED_ON: ['e.opened_on', 'openedOn'],
};

export function energyAssetOrdering(
  order: EnergyAssetOrderArgs | null | undefined,
  lang: Lang,
  filter?: EnergyAssetFilterArgs | null,
): Ordering {
  const ranged = new Set<string>();
  if (bounded(filter?.capacityMw)) ranged.add('CAPACITY');
  if (bounded(filter?.startedOn)) ranged.add('STARTED_ON');
  if (bounded(filter?.openedOn)) ranged.add('OPENED_ON');
  return buildOrdering('e', ORDER_COLUMNS, order, lang, ranged);
}

export async function energyAssetConditions(
  ctx: Context,
  filter: EnergyAssetFilterArgs | null | undefined,
) {
  const conditions = new Conditions();
  if (!filter) return conditions;
  const tree = await treeFilters(ctx, filter, { region: 'e.region_id', sector: 'e.sector_id' });
  conditions.where.push(...tree.where);
  conditions.params.push(...tree.params);
  conditions
    .oneOf('e.technology', filter.technology)
    .oneOf('e.rating', filter.rating)
    .oneOf('e.status', filter.status)
    .range('e.capacity_mw', 'capacityMw', filter.capacityMw, { min: 0 })
    .dates('e.started_on', 'startedOn', filter.startedOn)
    .dates('e.opened_on', 'openedOn', filter.openedOn);
  if (filter.plantsOnly === true) conditions.add('e.parent_id IS NULL');
  if (filter.plantsOnly === false) {
    conditions.add('NOT EXISTS (SELECT 1 FROM energy_assets child WHERE child.parent_id = e.id)');
  }
  if (filter.synthetic != null) conditions.add('e.synthetic = ?', filter.synthetic ? 1 : 0);
  return conditions;
}

const energyListArgs = builder.args((t) => ({
  filter: t.field({ type: EnergyAssetFilter, required: false }),
  orderBy: t.field({ type: EnergyAssetOrder, required: false }),
}));

addSubtreeConnections<EnergyAssetRow>({
  field: 'energyAssets',
  connection: EnergyAssetConnection,
  listArgs: energyListArgs,
  table: energyAssets,
  alias: 'e',
  ordering: energyAssetOrdering,
  conditions: energyAssetConditions,
  what: 'Plants and phases',
});

builder.queryFields((t) => ({
  energyAssets: t.field({
    type: EnergyAssetConnection,
    description: 'Plants and phases, filtered and sorted, in keyset pages.',
    args: { ...t.arg.connectionArgs(), ...energyListArgs },
    resolve: async (_root, args, ctx, info) => {
      const ordering = energyAssetOrdering(args.orderBy, ctx.lang, args.filter);
      readWindow(args, ordering);
      const conditions = await energyAssetConditions(ctx, args.filter);
      return fetchPage<EnergyAssetRow>(
        ctx.db,
        energyAssets.list(conditions.where, conditions.params),
        ordering,
        args,
        wantsTotal(info),
      );
    },
  }),
}));

addSlugQuery<EnergyAssetRow>('energyAsset', EnergyAsset, energyAssets, 'A plant or phase');
