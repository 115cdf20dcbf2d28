/** Project writes: create, update, report progress, delete, and bulk import. */

import * as z from 'zod/mini';
import { MAX_ROWS_PER_WRITE } from '../db/writes/operations';
import { builder } from './builder';
import { dateOrder, enumByName } from './input-rules';
import { Financing, Project, ProjectStatus } from './project';
import {
  entityInputs,
  entityMutations,
  type FieldSpec,
  field,
  role,
  targetFields,
} from './write-inputs';
import { lazyRule } from './zod';

export const MAX_IMPORT_ROWS = MAX_ROWS_PER_WRITE;

const MoneyInput = builder.inputType('MoneyInput', {
  description: 'An amount as reported, in its unit.',
  fields: (t) => ({
    amount: t.float({
      required: true,
      validate: lazyRule(() =>
        z.number().check(z.minimum(0, 'Must not be negative.'), z.maximum(1e18)),
      ),
      ...role('investment', 'project'),
    }),
    unit: t.field({
      type: enumByName<string>('MoneyUnit'),
      required: true,
      ...role('investment', 'project'),
    }),
  }),
});

const jobsRule = lazyRule(() =>
  z.int().check(z.minimum(0, 'Must not be negative.'), z.maximum(10_000_000)),
);
const progressRule = lazyRule(() =>
  z
    .number()
    .check(
      z.minimum(0, 'Must be between 0 and 100.'),
      z.maximum(100, 'Must be between 0 and 100.'),
    ),
);

/** The fields of a project: required on create where the column is, optional on update. */
export const PROJECT_FIELDS: Record<string, FieldSpec> = {
  slug: field.slug,
  region: field.ref('Region slug.'),
  sector: field.ref('Sector slug.'),
  nameFa: field.name,
  nameEn: field.name,
  descriptionFa: field.text(4000),
  descriptionEn: field.text(4000),
  status: { type: ProjectStatus },
  progressPercent: { type: 'Float', rule: progressRule, description: '0–100.' },
  directJobs: { type: 'Int', rule: jobsRule },
  investment: { type: MoneyInput },
  startedOn: field.date('ISO date.'),
  openedOn: field.date('ISO date.'),
  financing: { type: Financing },
  investors: field.text(1000),
  source: field.ref('Source slug.'),
  synthetic: field.synthetic('Generated, not reported, data.'),
};

const inputs = entityInputs('project', 'Project', PROJECT_FIELDS, {
  createDescription: 'A new project. Region, sector and source are slugs.',
  validate: dateOrder('startedOn', 'openedOn'),
});

const ReportProjectProgressInput = builder.inputType('ReportProjectProgressInput', {
  fields: (t) => ({
    ...targetFields(t, 'project'),
    progressPercent: t.float({
      required: true,
      validate: progressRule,
      ...role('progressPercent', 'project'),
    }),
    directJobs: t.int({ required: false, validate: jobsRule, ...role('directJobs', 'project') }),
    status: t.field({ type: ProjectStatus, required: false, ...role('status', 'project') }),
  }),
});

export const DeleteInput = builder.inputType('DeleteInput', {
  fields: (t) => targetFields(t),
});

/** `{ rows: [<input>] }` of an import: 1–MAX_IMPORT_ROWS rows, written all together or none. */
// biome-ignore lint/suspicious/noExplicitAny: the create input of any entity
export function importInput(name: string, row: any, what: string) {
  return builder.inputType(name, {
    fields: (t) => ({
      rows: t.field({
        type: [row],
        required: true,
        description: `1–${MAX_IMPORT_ROWS} ${what}, written all together or not at all.`,
        validate: lazyRule(() =>
          z
            .array(z.unknown())
            .check(
              z.minLength(1),
              z.maxLength(MAX_IMPORT_ROWS, `At most ${MAX_IMPORT_ROWS} rows per call.`),
            ),
        ),
      }),
    }),
  });
}

entityMutations('project', Project, 'write:projects', {
  createProject: {
    verb: 'create',
    input: inputs.create,
    description: 'Creates a project. Needs `write:projects` and the right to write its region.',
  },
  updateProject: {
    verb: 'update',
    input: inputs.update,
    description:
      'Changes a project from the version you read; ConflictError when someone wrote first. Moving it to another region needs the right to write both.',
  },
  reportProjectProgress: {
    verb: 'update',
    input: ReportProjectProgressInput,
    description:
      'Reports a project’s physical progress (0–100), and optionally its jobs and status.',
  },
  deleteProject: {
    verb: 'delete',
    input: DeleteInput,
    description: 'Deletes a project that no claim is about, from the version you read.',
  },
  importProjects: {
    verb: 'import',
    input: importInput('ImportProjectsInput', inputs.create, 'projects'),
    description: `Creates up to ${MAX_IMPORT_ROWS} projects, all or none; a refusal lists every bad row (paths input.rows.N...).`,
  },
});
