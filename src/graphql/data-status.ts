/** dataStatus: how current the data are, what they contain, and where the sources disagree. */
import { conflictGroups, type DataCounts, dataStatus, versionOf } from '../db/status';
import { DATA_LICENSE, DATASET_NAME } from '../lib/dataset';
import { builder } from './builder';
import { Claim } from './claim';
import { LocalDate, localDate } from './scalars';
import { orNull } from './text';

const DataCountsType = builder.objectRef<DataCounts>('DataCounts').implement({
  description:
    'How many rows of each kind the data hold (synthetic rows included, and counted apart).',
  fields: (t) => ({
    regions: t.exposeInt('regions'),
    sectors: t.exposeInt('sectors'),
    sources: t.exposeInt('sources'),
    indicators: t.exposeInt('indicators'),
    projects: t.exposeInt('projects'),
    energyAssets: t.exposeInt('energyAssets'),
    plans: t.exposeInt('plans'),
    planTargets: t.exposeInt('planTargets'),
    claims: t.exposeInt('claims'),
    syntheticRows: t.exposeInt('syntheticRows', {
      description: 'Generated rows, marked synthetic.',
    }),
  }),
});

interface IssueShape {
  conflictGroup: string;
  claimIds: number[];
}

const DataIssue = builder.objectRef<IssueShape>('DataIssue').implement({
  description:
    'A known problem in the data: claims that disagree or overlap. Each comparison within it has one preferred claim, with the reason.',
  fields: (t) => ({
    conflictGroup: t.exposeString('conflictGroup'),
    claims: t.field({
      type: [Claim],
      resolve: (issue) => issue.claimIds,
    }),
  }),
});

interface StatusShape {
  version: string;
  migration: string | null;
  lastChangeAt: string | null;
  newestSourcePublishedOn: string | null;
  counts: DataCounts;
}

const DataStatus = builder.objectRef<StatusShape>('DataStatus').implement({
  description: 'The state of the data set.',
  fields: (t) => ({
    dataset: t.string({ resolve: () => DATASET_NAME }),
    version: t.exposeString('version', {
      description:
        'Changes whenever the data change: the migration level and the newest change-feed entry.',
    }),
    migration: t.exposeString('migration', orNull('The newest applied migration.')),
    lastChangeAt: t.exposeString(
      'lastChangeAt',
      orNull('When any row was last written (ISO 8601, UTC).'),
    ),
    newestSourcePublishedOn: t.field({
      type: LocalDate,
      nullable: true,
      resolve: (s) => localDate(s.newestSourcePublishedOn),
    }),
    license: t.string({ resolve: () => DATA_LICENSE.id }),
    licenseUrl: t.string({ resolve: () => DATA_LICENSE.url }),
    counts: t.field({ type: DataCountsType, resolve: (s) => s.counts }),
    knownIssues: t.field({
      type: [DataIssue],
      description:
        'Groups of claims that disagree or overlap (e.g. 565 MW of solar "in use" against 49 MW connected).',
      resolve: (status, _args, ctx) => conflictGroups(ctx.db, status.counts.claims),
    }),
  }),
});

builder.queryField('dataStatus', (t) =>
  t.field({
    type: DataStatus,
    description:
      'How current the data are, what they hold, and the known conflicts between sources.',
    resolve: async (_root, _args, ctx) => {
      const status = await dataStatus(ctx.db);
      return { ...status, version: versionOf(status) };
    },
  }),
);
