/** Project writes: create, update, report progress, delete, and bulk import. */
import { z } from 'zod';
import type { Project as ProjectRow } from '../db/projects';
import { MAX_ROWS_PER_WRITE } from '../db/writes/operations';
import { builder } from './builder';
import {
  enumByName,
  idempotencyKeyArg,
  isoDateRule,
  nameRule,
  refRule,
  slugRule,
  textRule,
  versionRule,
} from './input-rules';
import { Financing, Project, ProjectStatus } from './project';
import {
  createResolver,
  DeletedObject,
  deleteResolver,
  importResolver,
  LIST_WRITE_ERRORS,
  updateResolver,
  WRITE_ERRORS,
} from './writes';

export const MAX_IMPORT_ROWS = MAX_ROWS_PER_WRITE;

const MoneyInput = builder.inputType('MoneyInput', {
  description: 'An amount as reported, in its unit.',
  fields: (t) => ({
    amount: t.float({
      required: true,
      validate: z.number().min(0, 'Must not be negative.').max(1e18),
    }),
    unit: t.field({ type: enumByName<string>('MoneyUnit'), required: true }),
  }),
});

const jobsRule = z.number().int().min(0, 'Must not be negative.').max(10_000_000);
const progressRule = z
  .number()
  .min(0, 'Must be between 0 and 100.')
  .max(100, 'Must be between 0 and 100.');

/** The fields of a project, required on create and optional on update. */
function projectFields(required: boolean) {
  return builder.inputType(required ? 'CreateProjectInput' : 'ProjectChanges', {
    description: required
      ? 'A new project. Region, sector and source are slugs.'
      : 'The fields to change; a field left out stays as it is, null clears it.',
    fields: (t) => ({
      slug: t.string({ required, validate: slugRule }),
      region: t.string({ required, validate: refRule, description: 'Region slug.' }),
      sector: t.string({ required: false, validate: refRule, description: 'Sector slug.' }),
      nameFa: t.string({ required, validate: nameRule }),
      nameEn: t.string({ required, validate: nameRule }),
      descriptionFa: t.string({ required: false, validate: textRule(4000) }),
      descriptionEn: t.string({ required: false, validate: textRule(4000) }),
      status: t.field({ type: ProjectStatus, required }),
      progressPercent: t.float({ required: false, validate: progressRule, description: '0–100.' }),
      directJobs: t.int({ required: false, validate: jobsRule }),
      investment: t.field({ type: MoneyInput, required: false }),
      startedOn: t.string({ required: false, validate: isoDateRule, description: 'ISO date.' }),
      openedOn: t.string({ required: false, validate: isoDateRule, description: 'ISO date.' }),
      financing: t.field({ type: Financing, required: false }),
      investors: t.string({ required: false, validate: textRule(1000) }),
      source: t.string({ required: false, validate: refRule, description: 'Source slug.' }),
      ...(required
        ? {
            synthetic: t.boolean({
              required: false,
              defaultValue: false,
              description: 'Generated, not reported, data.',
            }),
          }
        : {}),
    }),
    // loose: a plain object schema would strip every other field from the input
    validate: z
      .looseObject({ startedOn: z.string().nullish(), openedOn: z.string().nullish() })
      .refine((p) => !p.startedOn || !p.openedOn || p.openedOn >= p.startedOn, {
        message: 'openedOn is before startedOn.',
        path: ['openedOn'],
      }),
  });
}

const CreateProjectInput = projectFields(true);
const ProjectChanges = projectFields(false);

const UpdateProjectInput = builder.inputType('UpdateProjectInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, validate: versionRule, description: 'The version you read.' }),
    changes: t.field({ type: ProjectChanges, required: true }),
  }),
});

const ReportProjectProgressInput = builder.inputType('ReportProjectProgressInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, validate: versionRule }),
    progressPercent: t.float({ required: true, validate: progressRule }),
    directJobs: t.int({ required: false, validate: jobsRule }),
    status: t.field({ type: ProjectStatus, required: false }),
  }),
});

export const DeleteInput = builder.inputType('DeleteInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, validate: versionRule }),
  }),
});

const ImportProjectsInput = builder.inputType('ImportProjectsInput', {
  fields: (t) => ({
    rows: t.field({
      type: [CreateProjectInput],
      required: true,
      description: `1–${MAX_IMPORT_ROWS} projects, created all together or not at all.`,
      validate: z
        .array(z.unknown())
        .min(1)
        .max(MAX_IMPORT_ROWS, `At most ${MAX_IMPORT_ROWS} rows per call.`),
    }),
  }),
});

const scope = { scope: 'write:projects' } as const;

builder.mutationFields((t) => ({
  createProject: t.field({
    type: Project,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description: 'Creates a project. Needs `write:projects` and the right to write its region.',
    args: { input: t.arg({ type: CreateProjectInput, required: true }), ...idempotencyKeyArg() },
    resolve: createResolver<ProjectRow>('createProject', 'project'),
  }),
  updateProject: t.field({
    type: Project,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description:
      'Changes a project from the version you read; ConflictError when someone wrote first. Moving it to another region needs the right to write both.',
    args: { input: t.arg({ type: UpdateProjectInput, required: true }), ...idempotencyKeyArg() },
    resolve: updateResolver<ProjectRow>('updateProject', 'project'),
  }),
  reportProjectProgress: t.field({
    type: Project,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description:
      'Reports a project’s physical progress (0–100), and optionally its jobs and status.',
    args: {
      input: t.arg({ type: ReportProjectProgressInput, required: true }),
      ...idempotencyKeyArg(),
    },
    resolve: updateResolver<ProjectRow>('reportProjectProgress', 'project'),
  }),
  deleteProject: t.field({
    type: DeletedObject,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description: 'Deletes a project that no claim is about, from the version you read.',
    args: { input: t.arg({ type: DeleteInput, required: true }), ...idempotencyKeyArg() },
    resolve: deleteResolver('deleteProject', 'project'),
  }),
  importProjects: t.field({
    type: [Project],
    errors: LIST_WRITE_ERRORS,
    authScopes: scope,
    description: `Creates up to ${MAX_IMPORT_ROWS} projects, all or none; a refusal lists every bad row (paths input.rows.N...).`,
    args: { input: t.arg({ type: ImportProjectsInput, required: true }), ...idempotencyKeyArg() },
    resolve: importResolver<ProjectRow>('importProjects', 'project'),
  }),
}));
