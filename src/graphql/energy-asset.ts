/** EnergyAsset: a power plant or one phase of it, with capacity, rating and status. */
import { CODES } from '../db/codes';
import {
  ENERGY_ORDER_COLUMNS,
  type EnergyAsset as EnergyAssetRow,
  energyAssetList,
  energyAssets,
  phasesOfPlants,
} from '../db/energy-assets';
import { builder } from './builder';
import { addClaimsField, Qualifier, Rating } from './claim';
import { loadBatched } from './context';
import { codeEnum } from './enums';
import { listArgs } from './list-args';
import { connectionType, entityNode, resolveList, WALKED_PAGES } from './lists';
import { Financing } from './project';
import { reference } from './references';
import { Region } from './region';
import { DateRange, FloatRange, LocalDate, localDate } from './scalars';
import { Sector } from './sector';
import { Source } from './source';
import { addSubtreeLists } from './subtree';
import { langArg, localised, namedFields, orNull } from './text';

export const Technology = codeEnum(CODES.technologies);

export const EnergyStatus = codeEnum(CODES.energyStatuses);

export const EnergyAsset = entityNode<EnergyAssetRow>(
  'EnergyAsset',
  energyAssets,
  'A plant or phase',
);

EnergyAsset.implement({
  description:
    'A power plant, or one phase of a plant built in phases (`parent`/`phases`). Capacity is in MW with its rating; unknown figures are null.',
  fields: (t) => ({
    ...namedFields(t),
    location: t.string({
      nullable: true,
      args: langArg(),
      description: 'The site in words, where the source names one.',
      resolve: (e, { lang }, ctx) => localised(ctx, lang, e.locationFa, e.locationEn),
    }),
    technology: t.field({ type: Technology, resolve: (e) => e.technology }),
    capacityMw: t.exposeFloat(
      'capacityMw',
      orNull('Capacity in MW, in `rating`; null where only a target is known (see claims).'),
    ),
    capacityQualifier: t.field({
      type: Qualifier,
      nullable: true,
      description:
        'How the capacity was stated: MORE_THAN makes `capacityMw` a lower bound (“over 570 MW”). Null when not recorded.',
      resolve: (e) => e.capacityQualifier,
    }),
    rating: t.field({ type: Rating, resolve: (e) => e.rating }),
    status: t.field({ type: EnergyStatus, resolve: (e) => e.status }),
    phase: t.exposeInt('phase', { nullable: true, description: 'Phase number within its plant.' }),
    parent: t.field({
      type: EnergyAsset,
      nullable: true,
      description: 'The plant this phase belongs to.',
      ...reference(EnergyAsset, (e: EnergyAssetRow) => e.parentId),
    }),
    phases: t.field({
      type: [EnergyAsset],
      description: 'The phases of this plant, in order (empty for a plant not built in phases).',
      resolve: (e, _args, ctx) => loadBatched(ctx, 'energy:phases', phasesOfPlants, e.id),
    }),
    owner: t.exposeString('owner', { nullable: true }),
    financing: t.field({ type: Financing, nullable: true, resolve: (e) => e.financing }),
    startedOn: t.field({ type: LocalDate, nullable: true, resolve: (e) => localDate(e.startedOn) }),
    openedOn: t.field({ type: LocalDate, nullable: true, resolve: (e) => localDate(e.openedOn) }),
    region: t.field({ type: Region, ...reference(Region, (e: EnergyAssetRow) => e.regionId) }),
    sector: t.field({
      type: Sector,
      nullable: true,
      ...reference(Sector, (e: EnergyAssetRow) => e.sectorId),
    }),
    source: t.field({
      type: Source,
      nullable: true,
      ...reference(Source, (e: EnergyAssetRow) => e.sourceId),
    }),
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

const energyListArgs = listArgs('EnergyAsset', {
  filter: EnergyAssetFilter,
  columns: ENERGY_ORDER_COLUMNS,
  byName: true,
});

addSubtreeLists({
  field: 'energyAssets',
  connection: EnergyAssetConnection,
  listArgs: energyListArgs,
  list: energyAssetList,
  alias: 'e',
  what: 'Plants and phases',
});

builder.queryField('energyAssets', (t) =>
  t.field({
    type: EnergyAssetConnection,
    description: `Plants and phases, filtered and sorted, in keyset pages. ${WALKED_PAGES}`,
    args: { ...t.arg.connectionArgs(), ...energyListArgs },
    resolve: (_root, args, ctx, info) => resolveList(ctx, energyAssetList, args, info),
  }),
);
