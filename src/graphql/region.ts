/** Region: the country → province → county → place tree. */
import { builder } from '../builder';
import { fetchChildPages, fetchPage, readWindow } from '../db/pagination';
import {
  type RegionKind as RegionKindValue,
  type Region as RegionRow,
  regions,
} from '../db/regions';
import {
  addSlugQuery,
  connectionType,
  langArg,
  loadChildPage,
  localised,
  nodeLoader,
  parseLocalId,
  sqlEnum,
  wantsTotal,
} from './common';
import { Source } from './source';

export const RegionKind = sqlEnum('RegionKind', 'The level of a region in the hierarchy.', [
  'country',
  'province',
  'county',
  'district',
  'city',
  'industrial_town',
  'industrial_zone',
  'site',
] as const);

export const Region = builder.loadableNodeRef<RegionRow, number>('Region', {
  id: { resolve: (region) => region.id, parse: parseLocalId },
  load: nodeLoader(regions),
});

Region.implement({
  description: 'A place: a country, province, county, district, city, industrial town or site.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable identifier, e.g. `iran`, `qom`.' }),
    kind: t.field({ type: RegionKind, resolve: (r) => r.kind }),
    isoCode: t.exposeString('isoCode', {
      nullable: true,
      description: 'ISO 3166 code where one exists (IR, IR-25).',
    }),
    nameFa: t.exposeString('nameFa'),
    nameEn: t.exposeString('nameEn'),
    name: t.string({
      args: langArg(),
      resolve: (r, { lang }, ctx) => localised(ctx, lang, r.nameFa, r.nameEn),
    }),
    areaKm2: t.exposeFloat('areaKm2', {
      nullable: true,
      description: 'Area in km², where a source gives it.',
    }),
    areaSource: t.field({
      type: Source,
      nullable: true,
      description: 'Where the area figure comes from.',
      resolve: (r) => r.areaSourceId,
    }),
    parent: t.field({ type: Region, nullable: true, resolve: (r) => r.parentId }),
    synthetic: t.boolean({ resolve: (r) => r.synthetic === 1 }),
  }),
});

export const RegionConnection = connectionType(Region, 'RegionConnection');

builder.objectField(Region, 'children', (t) =>
  t.field({
    type: RegionConnection,
    description: 'The regions directly below this one.',
    args: { ...t.arg.connectionArgs() },
    resolve: (region, args, ctx, info) => {
      readWindow(args, regions.byIdOrdering);
      return loadChildPage<RegionRow>(ctx, info, args, region.id, (ids, withTotal) =>
        fetchChildPages(
          ctx.db,
          regions.list(),
          'r.parent_id',
          ids,
          regions.byIdOrdering,
          args,
          withTotal,
        ),
      );
    },
  }),
);

builder.queryFields((t) => ({
  regions: t.field({
    type: RegionConnection,
    description: 'Regions, optionally of one kind, or only the roots of the tree.',
    args: {
      ...t.arg.connectionArgs(),
      kind: t.arg({ type: RegionKind, required: false }),
      rootsOnly: t.arg.boolean({ required: false, description: 'Only regions with no parent.' }),
    },
    resolve: (_root, args, ctx, info) => {
      const where: string[] = [];
      const params: string[] = [];
      if (args.kind) {
        where.push('r.kind = ?');
        params.push(args.kind as RegionKindValue);
      }
      if (args.rootsOnly) where.push('r.parent_id IS NULL');
      return fetchPage<RegionRow>(
        ctx.db,
        regions.list(where, params),
        regions.byIdOrdering,
        args,
        wantsTotal(info),
      );
    },
  }),
}));

addSlugQuery<RegionRow>('region', Region, regions, 'A region');
