/** Energy asset writes: create, update, delete. */
import { z } from 'zod';
import { Rating } from './claim';
import { EnergyAsset, EnergyStatus, Technology } from './energy-asset';
import { dateOrder, isoDateRule, nameRule, refRule, slugRule, textRule } from './input-rules';
import { Financing } from './project';
import { DeleteInput } from './project-writes';
import { entityInputs, entityMutations, type FieldSpec } from './write-inputs';

const capacityRule = z
  .number()
  .positive('Capacity must be more than 0 MW.')
  .max(100_000, 'At most 100,000 MW.');

const ENERGY_ASSET_FIELDS: Record<string, FieldSpec> = {
  slug: { type: 'String', rule: slugRule },
  region: { type: 'String', rule: refRule },
  sector: { type: 'String', rule: refRule },
  parent: { type: 'String', rule: refRule, description: 'The plant this is a phase of.' },
  phase: { type: 'Int', rule: z.number().int().min(1).max(100) },
  nameFa: { type: 'String', rule: nameRule },
  nameEn: { type: 'String', rule: nameRule },
  locationFa: { type: 'String', rule: textRule(500) },
  locationEn: { type: 'String', rule: textRule(500) },
  technology: { type: Technology },
  capacityMw: { type: 'Float', rule: capacityRule },
  rating: { type: Rating, defaulted: true, description: 'UNKNOWN when left out.' },
  status: { type: EnergyStatus },
  owner: { type: 'String', rule: textRule(500) },
  financing: { type: Financing },
  startedOn: { type: 'String', rule: isoDateRule },
  openedOn: { type: 'String', rule: isoDateRule },
  source: { type: 'String', rule: refRule },
  synthetic: { type: 'Boolean', defaultValue: false, createOnly: true },
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
