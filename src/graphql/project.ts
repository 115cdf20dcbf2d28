/** Project: an investment or construction project, with its money, dates and claims. */
import { builder } from '../builder';
import type { Context } from '../context';
import type { SqlValue } from '../db/client';
import {
  buildOrdering,
  fetchChildPages,
  fetchPage,
  type Ordering,
  readWindow,
} from '../db/pagination';
import {
  type MoneyUnit as MoneyUnitValue,
  type Project as ProjectRow,
  projects,
} from '../db/projects';
import { regions } from '../db/regions';
import { sectors } from '../db/sectors';
import { inSubtree, type Table } from '../db/table';
import type { Lang } from '../lib/lang';
import { addClaimsField } from './claim';
import {
  addSlugQuery,
  badInput,
  bounded,
  bySlug,
  Conditions,
  connectionType,
  DateRange,
  FloatRange,
  IntRange,
  LangEnum,
  LocalDate,
  langArg,
  loadChildPage,
  localDate,
  localised,
  nodeLoader,
  OrderDirection,
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

export const ProjectFilter = builder.inputType('ProjectFilter', {
  description:
    'Conditions a project must all meet. Region and sector include everything below them.',
  fields: (t) => ({
    region: t.string({ required: false, description: 'Region slug.' }),
    sector: t.string({ required: false, description: 'Sector slug.' }),
    status: t.field({ type: [ProjectStatus], required: false }),
    financing: t.field({ type: [Financing], required: false }),
    progressPercent: t.field({ type: FloatRange, required: false, description: 'Within 0–100.' }),
    directJobs: t.field({ type: IntRange, required: false }),
    startedOn: t.field({ type: DateRange, required: false }),
    openedOn: t.field({ type: DateRange, required: false }),
    synthetic: t.boolean({
      required: false,
      description: 'Only synthetic (true) or only reported (false) rows.',
    }),
  }),
});

const ProjectOrderField = builder.enumType('ProjectOrderField', {
  values: {
    ID: { description: 'Creation order.' },
    NAME: { description: 'Name in the request’s language (`lang`, else Accept-Language).' },
    PROGRESS: {},
    DIRECT_JOBS: {},
    INVESTMENT: { description: 'Normalised rial value; amounts in other currencies sort last.' },
    STARTED_ON: {},
    OPENED_ON: {},
  } as const,
});

export const ProjectOrder = builder.inputType('ProjectOrder', {
  description: 'Sort order; ties are broken by id, and unknown (null) values come last.',
  fields: (t) => ({
    field: t.field({ type: ProjectOrderField, required: true }),
    direction: t.field({ type: OrderDirection, required: false, defaultValue: 'asc' }),
    lang: t.field({ type: LangEnum, required: false, description: 'For NAME.' }),
  }),
});

type ProjectFilterArgs = typeof ProjectFilter.$inferInput;
type ProjectOrderArgs = typeof ProjectOrder.$inferInput;

const ORDER_COLUMNS: Record<string, [string, string]> = {
  PROGRESS: ['p.progress_pct', 'progressPct'],
  DIRECT_JOBS: ['p.direct_jobs', 'directJobs'],
  INVESTMENT: ['p.investment_rial', 'investmentRial'],
  STARTED_ON: ['p.started_on', 'startedOn'],
  OPENED_ON: ['p.opened_on', 'openedOn'],
};

/** The keyset ordering of a ProjectOrder; a range filter on the sort column drops its null group. */
export function projectOrdering(
  order: ProjectOrderArgs | null | undefined,
  lang: Lang,
  filter?: ProjectFilterArgs | null,
): Ordering {
  const ranged = new Set<string>();
  if (bounded(filter?.progressPercent)) ranged.add('PROGRESS');
  if (bounded(filter?.directJobs)) ranged.add('DIRECT_JOBS');
  if (bounded(filter?.startedOn)) ranged.add('STARTED_ON');
  if (bounded(filter?.openedOn)) ranged.add('OPENED_ON');
  return buildOrdering('p', ORDER_COLUMNS, order, lang, ranged);
}

/** The SQL conditions of a ProjectFilter, refusing bad values by name. */
export async function projectConditions(
  ctx: Context,
  filter: ProjectFilterArgs | null | undefined,
) {
  const conditions = new Conditions();
  if (!filter) return conditions;
  const tree = await treeFilters(ctx, filter, { region: 'p.region_id', sector: 'p.sector_id' });
  conditions.where.push(...tree.where);
  conditions.params.push(...tree.params);
  conditions
    .oneOf('p.status', filter.status)
    .oneOf('p.financing', filter.financing)
    .range('p.progress_pct', 'progressPercent', filter.progressPercent, { min: 0, max: 100 })
    .range('p.direct_jobs', 'directJobs', filter.directJobs, { min: 0 })
    .dates('p.started_on', 'startedOn', filter.startedOn)
    .dates('p.opened_on', 'openedOn', filter.openedOn);
  if (filter.synthetic != null) conditions.add('p.synthetic = ?', filter.synthetic ? 1 : 0);
  return conditions;
}

const projectListArgs = builder.args((t) => ({
  filter: t.field({ type: ProjectFilter, required: false }),
  orderBy: t.field({ type: ProjectOrder, required: false }),
}));

/**
 * Adds a filtered, sorted connection of `table`'s rows to Region and Sector, counting rows in
 * the whole subtree below each, batched across every parent in the page.
 */
export function addSubtreeConnections<Row extends object>(spec: {
  field: string;
  // biome-ignore lint/suspicious/noExplicitAny: the connection ref and args of the list
  connection: any;
  // biome-ignore lint/suspicious/noExplicitAny: the list's filter/orderBy args
  listArgs: any;
  table: Table<Row & { id: number; slug: string }>;
  alias: string;
  ordering: (orderBy: never, lang: Lang, filter: never) => Ordering;
  conditions: (ctx: Context, filter: never) => Promise<Conditions>;
  what: string;
}) {
  for (const [ref, tree] of [
    [Region, 'regions'],
    [Sector, 'sectors'],
  ] as const) {
    const column = `${spec.alias}.${tree === 'regions' ? 'region_id' : 'sector_id'}`;
    builder.objectField(ref, spec.field, (t) =>
      t.field({
        type: spec.connection,
        description: `${spec.what} here or in any ${tree === 'regions' ? 'region' : 'sub-sector'} below, filtered and sorted.`,
        args: { ...t.arg.connectionArgs(), ...spec.listArgs },
        resolve: (parent: { id: number }, args, ctx, info) => {
          const { filter, orderBy } = args as { filter?: never; orderBy?: never };
          const ordering = spec.ordering(orderBy as never, ctx.lang, filter as never);
          readWindow(args, ordering);
          // `as never`: the connection ref is untyped here, so Pothos cannot check the page's shape
          return loadChildPage<Row>(ctx, info, args, parent.id, async (ids, withTotal) => {
            const conditions = await spec.conditions(ctx, filter as never);
            return fetchChildPages<Row>(
              ctx.db,
              spec.table.list(conditions.where, conditions.params),
              { tree, column },
              ids,
              ordering,
              args,
              withTotal,
            );
          }) as never;
        },
      }),
    );
  }
}

addSubtreeConnections<ProjectRow>({
  field: 'projects',
  connection: ProjectConnection,
  listArgs: projectListArgs,
  table: projects,
  alias: 'p',
  ordering: projectOrdering,
  conditions: projectConditions,
  what: 'Projects',
});

const MAX_SLUG = 200;

/** Resolves optional region/sector slug filters to subtree conditions, naming unknown slugs. */
export async function treeFilters(
  ctx: Context,
  args: { region?: string | null; sector?: string | null },
  columns: { region: string; sector: string },
) {
  const where: string[] = [];
  const params: SqlValue[] = [];
  for (const [argument, tree, table, name] of [
    ['region', 'regions', regions, 'Region'],
    ['sector', 'sectors', sectors, 'Sector'],
  ] as const) {
    const slug = args[argument];
    if (slug == null) continue;
    if (slug.length > MAX_SLUG) throw badInput(argument, `\`${argument}\` is too long.`);
    const row = await bySlug<{ id: number; slug: string; kind?: string; parentId: number | null }>(
      ctx,
      table as Table<{ id: number; slug: string; parentId: number | null }>,
      name,
      slug,
    );
    if (!row) throw badInput(argument, `No ${argument} has the slug ${JSON.stringify(slug)}.`);
    const alias = columns[argument].split('.')[0];
    if (argument === 'region' && row.parentId === null) {
      // the root of the one region tree (the country): every row lies in it
      continue;
    }
    if (argument === 'region' && (row.kind === 'province' || row.kind === 'county')) {
      // one equality on the maintained ancestor column (migration 0008), which can walk a sort index
      where.push(`${alias}.${row.kind}_id = ?`);
      params.push(row.id);
      continue;
    }
    const condition = inSubtree(columns[argument], tree, row.id);
    where.push(condition.sql);
    params.push(...condition.params);
  }
  return { where, params };
}

builder.queryFields((t) => ({
  projects: t.field({
    type: ProjectConnection,
    description: 'Projects, filtered and sorted, in keyset pages.',
    args: { ...t.arg.connectionArgs(), ...projectListArgs },
    resolve: async (_root, args, ctx, info) => {
      const ordering = projectOrdering(args.orderBy, ctx.lang, args.filter);
      readWindow(args, ordering);
      const conditions = await projectConditions(ctx, args.filter);
      return fetchPage<ProjectRow>(
        ctx.db,
        projects.list(conditions.where, conditions.params),
        ordering,
        args,
        wantsTotal(info),
      );
    },
  }),
}));

addSlugQuery<ProjectRow>('project', Project, projects, 'A project');
