/** Claim.subject: the thing a claim is about, as a union of the entity types. */
import type { SubjectKind } from '../db/claims';
import { builder } from './builder';
import { Claim } from './claim';
import { EnergyAsset } from './energy-asset';
import { loadBranded } from './lists';
import { Plan } from './plan';
import { Project } from './project';
import { Region } from './region';
import { Sector } from './sector';

const ClaimSubject = builder.unionType('ClaimSubject', {
  description: 'What a claim is about.',
  types: [Region, Project, EnergyAsset, Sector, Plan],
});

const SUBJECT_TYPES: Record<SubjectKind, unknown> = {
  region: Region,
  project: Project,
  energy_asset: EnergyAsset,
  sector: Sector,
  plan: Plan,
};

builder.objectField(Claim, 'subject', (t) =>
  t.field({
    type: ClaimSubject,
    // the claim names its subject's type; that type's loader fetches it in the request's batch
    resolve: async (claim, _args, ctx) => {
      const subject = await loadBranded<object>(
        SUBJECT_TYPES[claim.subjectKind],
        ctx,
        claim.subjectId,
      );
      if (!subject) throw new Error(`claim ${claim.slug} names a missing subject`);
      return subject as never;
    },
  }),
);
