/** Energy asset writes: create, update, delete. */

import * as z from 'zod/mini';
import { Qualifier, Rating } from './claim';
import { EnergyAsset, EnergyStatus, Technology } from './energy-asset';
import { dateOrder } from './input-rules';
import { Financing } from './project';
import { DeleteInput } from './project-writes';
import { entityInputs, entityMutations, type FieldSpec, field } from './write-inputs';
import { lazyRule } from './zod';

const capacityRule = lazyRule(() =>
  z
    .number()
    .check(
      z.positive('Capacity must be more than 0 MW.'),
      z.maximum(100_000, 'At most 100,000 MW.'),
    ),
);

const ENERGY_ASSET_FIELDS: Record<string, FieldSpec> = {
  slug: field.slug,
  region: field.ref(),
  sector: field.ref(),
  parent: field.ref('The plant this is a phase of.'),
  phase: { type: 'Int', rule: lazyRule(() => z.int().check(z.minimum(1), z.maximum(100))) },
  nameFa: field.name,
  nameEn: field.name,
  locationFa: field.text(500),
  locationEn: field.text(500),
  technology: { type: Technology },
  capacityMw: { type: 'Float', rule: capacityRule },
  capacityQualifier: {
    type: Qualifier,
    description: 'How the capacity was stated: MORE_THAN for “over 570 MW” (a lower bound).',
  },
  rating: { type: Rating, defaulted: true, description: 'UNKNOWN when left out.' },
  status: { type: EnergyStatus },
  owner: field.text(500),
  financing: { type: Financing },
  startedOn: field.date(),
  openedOn: field.date(),
  source: field.ref(),
  synthetic: field.synthetic(),
};

const inputs = entityInputs('energy_asset', 'EnergyAsset', ENERGY_ASSET_FIELDS, {
  createDescription: 'A new plant or phase. Region, sector, parent and source are slugs.',
  validate: dateOrder('startedOn', 'openedOn'),
});

entityMutations('energy_asset', EnergyAsset, 'write:energy', {
  createEnergyAsset: {
    verb: 'create',
    input: inputs.create,
    description:
      'Creates a plant or phase. Needs `write:energy` and the right to write its region and its parent’s.',
  },
  updateEnergyAsset: {
    verb: 'update',
    input: inputs.update,
    description:
      'Changes a plant or phase from the version you read. A parent that would make a loop is refused.',
  },
  deleteEnergyAsset: {
    verb: 'delete',
    input: DeleteInput,
    description: 'Deletes a plant or phase with no phases and no claims about it.',
  },
});
