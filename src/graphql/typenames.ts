/** The GraphQL type of each entity kind: what global IDs in the change feed and audit log name. */
import type { EntityKind } from '../db/entity';

export const TYPENAMES: Readonly<Record<EntityKind, string>> = {
  source: 'Source',
  region: 'Region',
  sector: 'Sector',
  indicator: 'Indicator',
  project: 'Project',
  energy_asset: 'EnergyAsset',
  plan: 'Plan',
  claim: 'Claim',
  plan_target: 'PlanTarget',
};
