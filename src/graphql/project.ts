/** Project: an investment or construction project, with its money, dates and claims. */
import { builder } from '../builder';
import type { Context } from '../context';
import type { SqlValue } from '../db/client';
import { fetchChildPages, fetchPage, readWindow } from '../db/pagination';
import {
  type MoneyUnit as MoneyUnitValue,
  type Project as ProjectRow,
  projects,
} from '../db/projects';
import { regions } from '../db/regions';
import { sectors } from '../db/sectors';
import { inSubtree } from '../db/table';
import { addClaimsField } from './claim';
import {
  badInput,
  bySlug,
  connectionType,
  LocalDate,
  langArg,
  loadChildPage,
  localDate,
  localised,
  nodeLoader,
  parseLocalId,
  sqlEnum,
  wantsTotal,
} from './common';
import { Region } from './region';
import { Sector } from './sector';
import { Source } from './source';

export const ProjectStatus = sqlEnum('ProjectStatus', 'Where a project is in its life.', [
  'planned',
  'under_construction',
  'operational',
  'suspended',
  'cancelled',
] as const);

export const Financing = sqlEnum('Financing', 'Who pays for a project or plant.', [
  'private',
  'public',
  'bank',
  'mixed',
] as const);

const MoneyUnit = sqlEnum(
  'MoneyUnit',
  'The unit an amount of money was reported in.',
  ['rial', 'billion_rial', 'toman', 'billion_toman', 'hemat', 'usd', 'million_usd'] as const,
  {
    toman: '10 rial.',
    billion_toman: '10^9 toman = 10^10 rial.',
    hemat: 'همت: 10^12 toman = 10^13 rial.',
  },
);

const Currency = sqlEnum('Currency', 'ISO 4217 currency.', ['IRR', 'USD'] as const);

interface MoneyShape {
  amount: number;
  unit: MoneyUnitValue;
  rial: number | null;
}

const Money = builder.objectRef<MoneyShape>('Money').implement({
  description:
    'An amount as it was reported, and normalised to rial where the currency is the rial.',
  fields: (t) => ({
    amount: t.exposeFloat('amount', { description: 'In `unit`, as reported.' }),
    unit: t.field({ type: MoneyUnit, resolve: (m) => m.unit }),
    currency: t.field({
      type: Currency,
      resolve: (m) => (m.unit === 'usd' || m.unit === 'million_usd' ? 'USD' : 'IRR'),
    }),
    rial: t.exposeFloat('rial', {
      nullable: true,
      description: 'The amount in rial; null for other currencies (no exchange rate is applied).',
    }),
  }),
});

export const Project = builder.loadableNodeRef<ProjectRow, number>('Project', {
  id: { resolve: (project) => project.id, parse: parseLocalId },
  load: nodeLoader(projects),
});

Project.implement({
  description:
    'An investment or construction project in a region and sector. Unknown figures are null.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    nameFa: t.exposeString('nameFa'),
    nameEn: t.exposeString('nameEn'),
    name: t.string({
      args: langArg(),
      resolve: (p, { lang }, ctx) => localised(ctx, lang, p.nameFa, p.nameEn),
    }),
    descriptionFa: t.exposeString('descriptionFa', { nullable: true }),
    descriptionEn: t.exposeString('descriptionEn', { nullable: true }),
    description: t.string({
      nullable: true,
      args: langArg(),
      resolve: (p, { lang }, ctx) => localised(ctx, lang, p.descriptionFa, p.descriptionEn),
    }),
    status: t.field({ type: ProjectStatus, resolve: (p) => p.status }),
    progressPercent: t.exposeFloat('progressPct', {
      nullable: true,
      description: 'Physical progress, 0–100.',
    }),
    directJobs: t.exposeInt('directJobs', { nullable: true }),
    investment: t.field({
      type: Money,
      nullable: true,
      resolve: (p) =>
        p.investmentAmount !== null && p.investmentUnit !== null
          ? { amount: p.investmentAmount, unit: p.investmentUnit, rial: p.investmentRial }
          : null,
    }),
    startedOn: t.field({ type: LocalDate, nullable: true, resolve: (p) => localDate(p.startedOn) }),
    openedOn: t.field({ type: LocalDate, nullable: true, resolve: (p) => localDate(p.openedOn) }),
    financing: t.field({ type: Financing, nullable: true, resolve: (p) => p.financing }),
    investors: t.exposeString('investors', { nullable: true }),
    region: t.field({ type: Region, resolve: (p) => p.regionId }),
    sector: t.field({ type: Sector, nullable: true, resolve: (p) => p.sectorId }),
    source: t.field({
      type: Source,
      nullable: true,
      description: 'The report that first named it.',
      resolve: (p) => p.sourceId,
    }),
    synthetic: t.boolean({ resolve: (p) => p.synthetic === 1 }),
  }),
});

export const ProjectConnection = connectionType(Project, 'ProjectConnection');

addClaimsField(Project, 'c.subject_id', 'project', 'Claims about this project.');

function statusFilter(status: string | null | undefined) {
  return status ? { where: ['p.status = ?'], params: [status] } : { where: [], params: [] };
}

for (const [ref, tree, column] of [
  [Region, 'regions', 'p.region_id'],
  [Sector, 'sectors', 'p.sector_id'],
] as const) {
  builder.objectField(ref, 'projects', (t) =>
    t.field({
      type: ProjectConnection,
      description: `Projects here or in any ${tree === 'regions' ? 'region' : 'sub-sector'} below.`,
      args: { ...t.arg.connectionArgs(), status: t.arg({ type: ProjectStatus, required: false }) },
      resolve: (parent: { id: number }, args, ctx, info) => {
        readWindow(args, projects.byIdOrdering);
        const filter = statusFilter(args.status);
        return loadChildPage<ProjectRow>(ctx, info, args, parent.id, (ids, withTotal) =>
          fetchChildPages(
            ctx.db,
            projects.list(filter.where, filter.params),
            { tree, column },
            ids,
            projects.byIdOrdering,
            args,
            withTotal,
          ),
        );
      },
    }),
  );
}

/** Resolves optional region/sector slug filters to subtree conditions, naming unknown slugs. */
export async function treeFilters(
  ctx: Context,
  args: { region?: string | null; sector?: string | null },
  columns: { region: string; sector: string },
) {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (args.region != null) {
    const region = await bySlug(ctx, regions, 'Region', args.region.slice(0, 200));
    if (!region)
      throw badInput(
        'region',
        `No region has the slug ${JSON.stringify(args.region.slice(0, 80))}.`,
      );
    const condition = inSubtree(columns.region, 'regions', region.id);
    where.push(condition.sql);
    params.push(...condition.params);
  }
  if (args.sector != null) {
    const sector = await bySlug(ctx, sectors, 'Sector', args.sector.slice(0, 200));
    if (!sector)
      throw badInput(
        'sector',
        `No sector has the slug ${JSON.stringify(args.sector.slice(0, 80))}.`,
      );
    const condition = inSubtree(columns.sector, 'sectors', sector.id);
    where.push(condition.sql);
    params.push(...condition.params);
  }
  return { where, params };
}

builder.queryFields((t) => ({
  project: t.field({
    type: Project,
    nullable: true,
    description: 'A project by slug; null when there is none.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, ctx) => bySlug<ProjectRow>(ctx, projects, 'Project', slug),
  }),
  projects: t.field({
    type: ProjectConnection,
    description: 'Projects, optionally in a region or sector (each including everything below it).',
    args: {
      ...t.arg.connectionArgs(),
      region: t.arg.string({ required: false, description: 'Region slug.' }),
      sector: t.arg.string({ required: false, description: 'Sector slug.' }),
      status: t.arg({ type: ProjectStatus, required: false }),
    },
    resolve: async (_root, args, ctx, info) => {
      readWindow(args, projects.byIdOrdering);
      const filter = await treeFilters(ctx, args, { region: 'p.region_id', sector: 'p.sector_id' });
      const status = statusFilter(args.status);
      return fetchPage<ProjectRow>(
        ctx.db,
        projects.list([...filter.where, ...status.where], [...filter.params, ...status.params]),
        projects.byIdOrdering,
        args,
        wantsTotal(info),
      );
    },
  }),
}));
