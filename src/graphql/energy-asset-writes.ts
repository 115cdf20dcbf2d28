/** Energy asset writes: create, update, delete. */
import { z } from 'zod';
import type { EnergyAsset as EnergyAssetRow } from '../db/energy-assets';
import { builder } from './builder';
import { Qualifier, Rating } from './claim';
import { EnergyAsset, EnergyStatus, Technology } from './energy-asset';
import {
  idempotencyKeyArg,
  isoDateRule,
  nameRule,
  refRule,
  slugRule,
  textRule,
  versionRule,
} from './input-rules';
import { Financing } from './project';
import { DeleteInput } from './project-writes';
import {
  createResolver,
  DeletedObject,
  deleteResolver,
  updateResolver,
  WRITE_ERRORS,
} from './writes';

const capacityRule = z
  .number()
  .positive('Capacity must be more than 0 MW.')
  .max(100_000, 'At most 100,000 MW.');

function energyAssetFields(required: boolean) {
  return builder.inputType(required ? 'CreateEnergyAssetInput' : 'EnergyAssetChanges', {
    description: required
      ? 'A new plant or phase. Region, sector, parent and source are slugs.'
      : 'The fields to change; a field left out stays as it is, null clears it.',
    fields: (t) => ({
      slug: t.string({ required, validate: slugRule }),
      region: t.string({ required, validate: refRule }),
      sector: t.string({ required: false, validate: refRule }),
      parent: t.string({
        required: false,
        validate: refRule,
        description: 'The plant this is a phase of.',
      }),
      phase: t.int({ required: false, validate: z.number().int().min(1).max(100) }),
      nameFa: t.string({ required, validate: nameRule }),
      nameEn: t.string({ required, validate: nameRule }),
      locationFa: t.string({ required: false, validate: textRule(500) }),
      locationEn: t.string({ required: false, validate: textRule(500) }),
      technology: t.field({ type: Technology, required }),
      capacityMw: t.float({ required: false, validate: capacityRule }),
      capacityQualifier: t.field({
        type: Qualifier,
        required: false,
        description: 'How the capacity was stated: MORE_THAN for “over 570 MW” (a lower bound).',
      }),
      rating: t.field({ type: Rating, required: false, description: 'UNKNOWN when left out.' }),
      status: t.field({ type: EnergyStatus, required }),
      owner: t.string({ required: false, validate: textRule(500) }),
      financing: t.field({ type: Financing, required: false }),
      startedOn: t.string({ required: false, validate: isoDateRule }),
      openedOn: t.string({ required: false, validate: isoDateRule }),
      source: t.string({ required: false, validate: refRule }),
      ...(required ? { synthetic: t.boolean({ required: false, defaultValue: false }) } : {}),
    }),
    validate: z
      .looseObject({ startedOn: z.string().nullish(), openedOn: z.string().nullish() })
      .refine((p) => !p.startedOn || !p.openedOn || p.openedOn >= p.startedOn, {
        message: 'openedOn is before startedOn.',
        path: ['openedOn'],
      }),
  });
}

const CreateEnergyAssetInput = energyAssetFields(true);
const EnergyAssetChanges = energyAssetFields(false);

const UpdateEnergyAssetInput = builder.inputType('UpdateEnergyAssetInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, validate: versionRule }),
    changes: t.field({ type: EnergyAssetChanges, required: true }),
  }),
});

const scope = { scope: 'write:energy' } as const;

builder.mutationFields((t) => ({
  createEnergyAsset: t.field({
    type: EnergyAsset,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description:
      'Creates a plant or phase. Needs `write:energy` and the right to write its region.',
    args: {
      input: t.arg({ type: CreateEnergyAssetInput, required: true }),
      ...idempotencyKeyArg(),
    },
    resolve: createResolver<EnergyAssetRow>('createEnergyAsset', 'energy_asset'),
  }),
  updateEnergyAsset: t.field({
    type: EnergyAsset,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description: 'Changes a plant or phase from the version you read.',
    args: {
      input: t.arg({ type: UpdateEnergyAssetInput, required: true }),
      ...idempotencyKeyArg(),
    },
    resolve: updateResolver<EnergyAssetRow>('updateEnergyAsset', 'energy_asset'),
  }),
  deleteEnergyAsset: t.field({
    type: DeletedObject,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description: 'Deletes a plant or phase with no phases and no claims about it.',
    args: { input: t.arg({ type: DeleteInput, required: true }), ...idempotencyKeyArg() },
    resolve: deleteResolver('deleteEnergyAsset', 'energy_asset'),
  }),
}));
