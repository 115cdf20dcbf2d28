/** EnergyAsset: a power plant or one phase of it, with capacity, rating and status. */
import { builder } from '../builder';
import { loaderFor } from '../context';
import {
  type EnergyAsset as EnergyAssetRow,
  energyAssets,
  phasesOfPlants,
} from '../db/energy-assets';
import { fetchChildPages, fetchPage, readWindow } from '../db/pagination';
import { addClaimsField, Rating } from './claim';
import {
  bySlug,
  connectionType,
  LocalDate,
  langArg,
  loadChildPage,
  localDate,
  localised,
  nodeLoader,
  parseLocalId,
  sqlEnum,
  wantsTotal,
} from './common';
import { Financing, treeFilters } from './project';
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

function energyFilter(args: { technology?: string | null; status?: string | null }) {
  const where: string[] = [];
  const params: string[] = [];
  if (args.technology) {
    where.push('e.technology = ?');
    params.push(args.technology);
  }
  if (args.status) {
    where.push('e.status = ?');
    params.push(args.status);
  }
  return { where, params };
}

for (const [ref, tree, column] of [
  [Region, 'regions', 'e.region_id'],
  [Sector, 'sectors', 'e.sector_id'],
] as const) {
  builder.objectField(ref, 'energyAssets', (t) =>
    t.field({
      type: EnergyAssetConnection,
      description: 'Plants and phases here or anywhere below.',
      args: {
        ...t.arg.connectionArgs(),
        technology: t.arg({ type: Technology, required: false }),
        status: t.arg({ type: EnergyStatus, required: false }),
      },
      resolve: (parent: { id: number }, args, ctx, info) => {
        readWindow(args, energyAssets.byIdOrdering);
        const filter = energyFilter(args);
        return loadChildPage<EnergyAssetRow>(ctx, info, args, parent.id, (ids, withTotal) =>
          fetchChildPages(
            ctx.db,
            energyAssets.list(filter.where, filter.params),
            { tree, column },
            ids,
            energyAssets.byIdOrdering,
            args,
            withTotal,
          ),
        );
      },
    }),
  );
}

builder.queryFields((t) => ({
  energyAsset: t.field({
    type: EnergyAsset,
    nullable: true,
    description: 'A plant or phase by slug; null when there is none.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, ctx) =>
      bySlug<EnergyAssetRow>(ctx, energyAssets, 'EnergyAsset', slug),
  }),
  energyAssets: t.field({
    type: EnergyAssetConnection,
    description:
      'Plants and phases, optionally in a region or sector (including everything below it).',
    args: {
      ...t.arg.connectionArgs(),
      region: t.arg.string({ required: false }),
      sector: t.arg.string({ required: false }),
      technology: t.arg({ type: Technology, required: false }),
      status: t.arg({ type: EnergyStatus, required: false }),
    },
    resolve: async (_root, args, ctx, info) => {
      readWindow(args, energyAssets.byIdOrdering);
      const tree = await treeFilters(ctx, args, { region: 'e.region_id', sector: 'e.sector_id' });
      const filter = energyFilter(args);
      return fetchPage<EnergyAssetRow>(
        ctx.db,
        energyAssets.list([...tree.where, ...filter.where], [...tree.params, ...filter.params]),
        energyAssets.byIdOrdering,
        args,
        wantsTotal(info),
      );
    },
  }),
}));
