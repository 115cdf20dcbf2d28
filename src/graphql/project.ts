/** Project: an investment or construction project, with its money, dates and claims. */
import { CODES, type Code } from '../db/codes';
import {
  PROJECT_ORDER_COLUMNS,
  type Project as ProjectRow,
  projectList,
  projects,
} from '../db/projects';
import { builder } from './builder';
import { addClaimsField } from './claim';
import { codeEnum } from './enums';
import { listArgs } from './list-args';
import { connectionType, entityNode, resolveList, WALKED_PAGES } from './lists';
import { reference } from './references';
import { Region } from './region';
import { DateRange, FloatRange, IntRange, LocalDate, localDate } from './scalars';
import { Sector } from './sector';
import { Source } from './source';
import { addSubtreeLists } from './subtree';
import { langArg, localised, namedFields, orNull } from './text';

export const ProjectStatus = codeEnum(CODES.projectStatuses);
export const Financing = codeEnum(CODES.financings);
export const MoneyUnit = codeEnum(CODES.moneyUnits);
const Currency = codeEnum(CODES.currencies);

interface MoneyShape {
  amount: number;
  unit: Code<'moneyUnits'>;
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
    rial: t.exposeFloat(
      'rial',
      orNull('The amount in rial; null for other currencies (no exchange rate is applied).'),
    ),
  }),
});

export const Project = entityNode<ProjectRow>('Project', projects, 'A project');

Project.implement({
  description:
    'An investment or construction project in a region and sector. Unknown figures are null.',
  fields: (t) => ({
    ...namedFields(t),
    descriptionFa: t.exposeString('descriptionFa', { nullable: true }),
    descriptionEn: t.exposeString('descriptionEn', { nullable: true }),
    description: t.string({
      nullable: true,
      args: langArg(),
      resolve: (p, { lang }, ctx) => localised(ctx, lang, p.descriptionFa, p.descriptionEn),
    }),
    status: t.field({ type: ProjectStatus, resolve: (p) => p.status }),
    progressPercent: t.exposeFloat('progressPct', orNull('Physical progress, 0–100.')),
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
    region: t.field({ type: Region, ...reference(Region, (p: ProjectRow) => p.regionId) }),
    sector: t.field({
      type: Sector,
      nullable: true,
      ...reference(Sector, (p: ProjectRow) => p.sectorId),
    }),
    source: t.field({
      type: Source,
      nullable: true,
      description: 'The report that first named it.',
      ...reference(Source, (p: ProjectRow) => p.sourceId),
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

const projectListArgs = listArgs('Project', {
  filter: ProjectFilter,
  columns: PROJECT_ORDER_COLUMNS,
  byName: true,
  descriptions: {
    ID: 'Creation order.',
    NAME: 'Name in the request’s language (`lang`, else Accept-Language).',
    INVESTMENT: 'Normalised rial value; amounts in other currencies sort last.',
  },
});

addSubtreeLists({
  field: 'projects',
  connection: ProjectConnection,
  listArgs: projectListArgs,
  list: projectList,
  alias: 'p',
  what: 'Projects',
});

builder.queryField('projects', (t) =>
  t.field({
    type: ProjectConnection,
    description: `Projects, filtered and sorted, in keyset pages. ${WALKED_PAGES}`,
    args: { ...t.arg.connectionArgs(), ...projectListArgs },
    resolve: (_root, args, ctx, info) => resolveList(ctx, projectList, args, info),
  }),
);
