/** Claim.subject: the thing a claim is about, as a union of the entity types. */
import { brandWithType } from '@pothos/core';
import { builder } from '../builder';
import { Claim } from './claim';
import { EnergyAsset } from './energy-asset';
import { Plan } from './plan';
import { Project } from './project';
import { Region } from './region';
import { Sector } from './sector';

const ClaimSubject = builder.unionType('ClaimSubject', {
  description: 'What a claim is about.',
  types: [Region, Project, EnergyAsset, Sector, Plan],
});

builder.objectField(Claim, 'subject', (t) =>
  t.field({
    type: ClaimSubject,
    // the claim names its subject's type; that type's loader fetches it in the request's batch,
    // and the brand tells the union which type the row is
    resolve: async (claim, _args, ctx) => {
      const ref = {
        region: Region,
        project: Project,
        energy_asset: EnergyAsset,
        sector: Sector,
        plan: Plan,
      }[claim.subjectKind];
      const subject = await ref.getDataloader(ctx).load(claim.subjectId);
      brandWithType(subject, ref);
      return subject;
    },
  }),
);
