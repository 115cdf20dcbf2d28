/** Sector: the tree of economic sectors (industry → footwear, …). */
import { idOrderedList } from '../db/lists';
import {
  type Sector as SectorRow,
  sectors,
  sectorsNamedBySources,
  sourceIdsNamingSectors,
} from '../db/sectors';
import { builder } from './builder';
import { loadBatched } from './context';
import { addChildList, connectionType, entityNode, resolveList } from './lists';
import { reference } from './references';
import { Source } from './source';
import { namedFields, orNull } from './text';

export const Sector = entityNode<SectorRow>('Sector', sectors, 'A sector');

Sector.implement({
  description: 'An economic sector; sectors form a tree (industry → footwear).',
  fields: (t) => ({
    ...namedFields(t),
    isicCode: t.exposeString(
      'isicCode',
      orNull('ISIC Rev.4 section, division, group or class, where one fits.'),
    ),
    parent: t.field({
      type: Sector,
      nullable: true,
      ...reference(Sector, (s: SectorRow) => s.parentId),
    }),
    synthetic: t.boolean({ resolve: (s) => s.synthetic === 1 }),
    namedIn: t.field({
      type: [Source],
      description: 'The reports that name this sector: why it is in the data.',
      resolve: (sector, _args, ctx) =>
        loadBatched(ctx, 'sector:sources', sourceIdsNamingSectors, sector.id),
    }),
  }),
});

export const SectorConnection = connectionType(Sector, 'SectorConnection');

const sectorList = idOrderedList<SectorRow, { rootsOnly?: boolean | null }>(sectors, (filter) => ({
  where: filter?.rootsOnly ? ['s.parent_id IS NULL'] : [],
  params: [],
}));

addChildList(Sector, 'children', {
  connection: SectorConnection,
  list: idOrderedList(sectors),
  column: 's.parent_id',
  description: 'The sub-sectors directly below this one.',
});

builder.queryField('sectors', (t) =>
  t.field({
    type: SectorConnection,
    description: 'Sectors; `rootsOnly` gives the top of the tree, to walk down through `children`.',
    args: { ...t.arg.connectionArgs(), rootsOnly: t.arg.boolean({ required: false }) },
    resolve: (_root, { rootsOnly, ...page }, ctx, info) =>
      resolveList(ctx, sectorList, { ...page, filter: { rootsOnly } }, info),
  }),
);

builder.objectField(Source, 'sectorsNamed', (t) =>
  t.field({
    type: [Sector],
    description: 'The sectors this report names.',
    resolve: (source, _args, ctx) =>
      loadBatched(ctx, 'source:sectors', sectorsNamedBySources, source.id),
  }),
);
