/** Claim.subject: the thing a claim is about, as a union of the entity types. */
import { builder } from '../builder';
import type { EnergyAsset as EnergyAssetRow } from '../db/energy-assets';
import type { Plan as PlanRow } from '../db/plans';
import type { Project as ProjectRow } from '../db/projects';
import type { Region as RegionRow } from '../db/regions';
import type { Sector as SectorRow } from '../db/sectors';
import { Claim } from './claim';
import { loadBranded } from './common';
import { EnergyAsset } from './energy-asset';
import { Plan } from './plan';
import { Project } from './project';
import { Region } from './region';
import { Sector } from './sector';

const ClaimSubject = builder.unionType('ClaimSubject', {
  description: 'What a claim is about.',
  types: [Region, Project, EnergyAsset, Sector, Plan],
});

const SUBJECT_TYPES = {
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
      const subject = await loadBranded<
        RegionRow | ProjectRow | EnergyAssetRow | SectorRow | PlanRow
      >(SUBJECT_TYPES[claim.subjectKind], ctx, claim.subjectId);
      if (!subject) throw new Error(`claim ${claim.slug} names a missing subject`);
      return subject;
    },
  }),
);
