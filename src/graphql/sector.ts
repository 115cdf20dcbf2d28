/** Sector: the tree of economic sectors (industry → footwear, …). */
import { builder } from '../builder';
import { loaderFor } from '../context';
import { fetchChildPages, fetchPage, readWindow } from '../db/pagination';
import {
  type Sector as SectorRow,
  sectors,
  sectorsNamedBySources,
  sourceIdsNamingSectors,
} from '../db/sectors';
import {
  addSlugQuery,
  connectionType,
  langArg,
  loadChildPage,
  localised,
  nodeLoader,
  parseLocalId,
  wantsTotal,
} from './common';
import { Source } from './source';

export const Sector = builder.loadableNodeRef<SectorRow, number>('Sector', {
  id: { resolve: (sector) => sector.id, parse: parseLocalId },
  load: nodeLoader(sectors),
});

Sector.implement({
  description: 'An economic sector; sectors form a tree (industry → footwear).',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    nameFa: t.exposeString('nameFa'),
    nameEn: t.exposeString('nameEn'),
    name: t.string({
      args: langArg(),
      resolve: (s, { lang }, ctx) => localised(ctx, lang, s.nameFa, s.nameEn),
    }),
    isicCode: t.exposeString('isicCode', {
      nullable: true,
      description: 'ISIC Rev.4 section, division, group or class, where one fits.',
    }),
    parent: t.field({ type: Sector, nullable: true, resolve: (s) => s.parentId }),
    synthetic: t.boolean({ resolve: (s) => s.synthetic === 1 }),
  }),
});

export const SectorConnection = connectionType(Sector, 'SectorConnection');

builder.objectField(Sector, 'children', (t) =>
  t.field({
    type: SectorConnection,
    description: 'The sub-sectors directly below this one.',
    args: { ...t.arg.connectionArgs() },
    resolve: (sector, args, ctx, info) => {
      readWindow(args, sectors.byIdOrdering);
      return loadChildPage<SectorRow>(ctx, info, args, sector.id, (ids, withTotal) =>
        fetchChildPages(
          ctx.db,
          sectors.list(),
          's.parent_id',
          ids,
          sectors.byIdOrdering,
          args,
          withTotal,
        ),
      );
    },
  }),
);

builder.queryFields((t) => ({
  sectors: t.field({
    type: SectorConnection,
    description: 'Sectors; `rootsOnly` gives the top of the tree, to walk down through `children`.',
    args: {
      ...t.arg.connectionArgs(),
      rootsOnly: t.arg.boolean({ required: false }),
    },
    resolve: (_root, args, ctx, info) =>
      fetchPage<SectorRow>(
        ctx.db,
        sectors.list(args.rootsOnly ? ['s.parent_id IS NULL'] : []),
        sectors.byIdOrdering,
        args,
        wantsTotal(info),
      ),
  }),
}));

builder.objectField(Sector, 'namedIn', (t) =>
  t.field({
    type: [Source],
    description: 'The reports that name this sector: why it is in the data.',
    resolve: (sector, _args, ctx) =>
      loaderFor<number, number[]>(ctx, 'sector:sources', (ids) =>
        sourceIdsNamingSectors(ctx.db, ids),
      ).load(sector.id),
  }),
);

builder.objectField(Source, 'sectorsNamed', (t) =>
  t.field({
    type: [Sector],
    description: 'The sectors this report names.',
    resolve: (source, _args, ctx) =>
      loaderFor<number, SectorRow[]>(ctx, 'source:sectors', (ids) =>
        sectorsNamedBySources(ctx.db, ids),
      ).load(source.id),
  }),
);

addSlugQuery<SectorRow>('sector', Sector, sectors, 'A sector');
