/** Region: the country → province → county → place tree. */
import { CODES } from '../db/codes';
import { idOrderedList } from '../db/lists';
import { type Region as RegionRow, regionList, regions } from '../db/regions';
import { builder } from './builder';
import { codeEnum } from './enums';
import { addChildList, connectionType, entityNode, resolveList } from './lists';
import { reference } from './references';
import { Source } from './source';
import { namedFields, orNull } from './text';

export const RegionKind = codeEnum(CODES.regionKinds);

export const Region = entityNode<RegionRow>('Region', regions, 'A region');

Region.implement({
  description: 'A place: a country, province, county, district, city, industrial town or site.',
  fields: (t) => ({
    ...namedFields(t, 'Stable identifier, e.g. `iran`, `qom`.'),
    kind: t.field({ type: RegionKind, resolve: (r) => r.kind }),
    isoCode: t.exposeString('isoCode', orNull('ISO 3166 code where one exists (IR, IR-25).')),
    areaKm2: t.exposeFloat('areaKm2', orNull('Area in km², where a source gives it.')),
    areaSource: t.field({
      type: Source,
      nullable: true,
      description: 'Where the area figure comes from.',
      ...reference(Source, (r: RegionRow) => r.areaSourceId),
    }),
    parent: t.field({
      type: Region,
      nullable: true,
      ...reference(Region, (r: RegionRow) => r.parentId),
    }),
    synthetic: t.boolean({ resolve: (r) => r.synthetic === 1 }),
  }),
});

export const RegionConnection = connectionType(Region, 'RegionConnection');

addChildList(Region, 'children', {
  connection: RegionConnection,
  list: idOrderedList(regions),
  column: 'r.parent_id',
  description: 'The regions directly below this one.',
});

builder.queryField('regions', (t) =>
  t.field({
    type: RegionConnection,
    description: 'Regions, optionally of one kind, or only the roots of the tree.',
    args: {
      ...t.arg.connectionArgs(),
      kind: t.arg({ type: RegionKind, required: false }),
      rootsOnly: t.arg.boolean({ required: false, description: 'Only regions with no parent.' }),
    },
    resolve: (_root, { kind, rootsOnly, ...page }, ctx, info) =>
      resolveList(ctx, regionList, { ...page, filter: { kind, rootsOnly } }, info),
  }),
);
