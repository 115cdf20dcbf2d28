/// <reference types="vite/client" />
// The OC4IDS export against the official OC4IDS 0.9.5 project package schema and codelists, as
// copied into standards/oc4ids-0.9.5 (see its README). Ajv compiles validators with `new Function`;
// the Workers test pool allows that inside tests (the Worker itself never compiles a schema).

import { exports } from 'cloudflare:workers';
import Ajv, { type ErrorObject, type SchemaValidateFunction } from 'ajv-draft-04';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import packageSchema from '../../standards/oc4ids-0.9.5/project-package-schema.json';
import projectSchema from '../../standards/oc4ids-0.9.5/project-schema.json';
import { seedVariedSynthetic } from '../factories';

/** The placeholder prefix README documents until the OC4IDS Helpdesk assigns one. */
const ID_PREFIX = 'oc4ids-xxxxxx-';

/** Every codelist CSV by file name (as the schema's `codelist` keyword names it) → its codes. */
const CODELISTS = new Map(
  Object.entries(
    import.meta.glob<string>('../../standards/oc4ids-0.9.5/codelists/*.csv', {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
  ).map(([path, text]) => [
    path.slice(path.lastIndexOf('/') + 1),
    new Set((parse(text, { columns: true }) as { Code: string }[]).map((row) => row.Code)),
  ]),
);

// RFC 3339 §5.6 date-time (JSON Schema draft 4 §7.3.1), with the calendar checked.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/i;
function isDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHour = 0, offsetMinute = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  return (
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= daysInMonth &&
    (hour as number) <= 23 &&
    (minute as number) <= 59 &&
    (second as number) <= 60 &&
    offsetHour <= 23 &&
    offsetMinute <= 59
  );
}

// RFC 3986 URI (JSON Schema draft 4 §7.3.6): a scheme, only characters RFC 3986 allows, well-formed
// percent-escapes, at most one fragment; and the WHATWG URL parser must accept it too.
const URI = /^[a-z][a-z0-9+.-]*:(?:[a-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9a-f]{2})*$/i;
function isUri(text: string): boolean {
  if (!URI.test(text) || text.split('#').length > 2) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** Each codelist value the validator met: where, which list, whether closed. */
interface CodeSeen {
  path: string;
  codelist: string;
  open: boolean;
  value: string;
}

/**
 * Ajv for draft 4 with the package schema, the project schema registered under the `id` the package
 * refers to (nothing is fetched), the two formats the schemas use on strings Ostan writes (plus
 * `email`), and a `codelist` keyword: every code must be in its CSV. That holds for the closed
 * codelists by the standard; for open ones (sector, documentType) it is Ostan's rule, since an
 * unknown code there would be a mapping mistake, not an extension.
 */
function validator(seen: CodeSeen[] = []) {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat('date-time', isDateTime);
  ajv.addFormat('uri', isUri);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addKeyword('openCodelist');
  ajv.addKeyword('versionId');
  const codelist: SchemaValidateFunction = (file: string, data, parent, context) => {
    const codes = CODELISTS.get(file);
    const values: unknown[] = Array.isArray(data) ? data : [data];
    const unknown = values.filter((value) => typeof value !== 'string' || !codes?.has(value));
    for (const value of values)
      seen.push({
        path: context?.instancePath ?? '',
        codelist: file,
        open: parent?.openCodelist !== false,
        value: String(value),
      });
    codelist.errors = unknown.length
      ? [
          {
            keyword: 'codelist',
            message: `${JSON.stringify(unknown)} not in ${file}${codes ? '' : ' (missing CSV)'}`,
            params: { codelist: file },
          },
        ]
      : [];
    return unknown.length === 0;
  };
  ajv.addKeyword({ keyword: 'codelist', schemaType: 'string', errors: true, validate: codelist });
  ajv.addSchema(projectSchema);
  return ajv.compile(packageSchema);
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);

async function exportPackage(query = '') {
  const response = await exports.default.fetch(`http://ostan.test/exports/projects.oc4ids${query}`);
  expect(response.status).toBe(200);
  return JSON.parse(await response.text());
}

interface Project {
  id: string;
  status?: string;
  sector?: string[];
  budget?: { amount: { amount: number; currency: string } };
  period?: { startDate: string };
  completion?: { endDate: string };
  documents?: { id: string; documentType?: string; url?: string }[];
  ostan: { slug: string; sector: string | null };
}

describe('OC4IDS export', () => {
  beforeEach(async () => {
    // every status, money unit and date pattern, next to the Qom projects
    await seedVariedSynthetic();
  });

  it('is a valid OC4IDS 0.9.5 project package, every code in its codelist', async () => {
    const pkg = await exportPackage();
    const seen: CodeSeen[] = [];
    const validate = validator(seen);
    validate(pkg);
    expect(describeErrors(validate.errors)).toEqual([]);

    const projects = pkg.projects as Project[];
    expect(projects.length).toBeGreaterThan(40);
    // the codelist keyword did run, on the closed lists (status, currency) and the open ones
    const lists = new Set(seen.map((s) => s.codelist));
    for (const file of ['projectStatus.csv', 'currency.csv', 'projectSector.csv'])
      expect(lists).toContain(file);
    expect(seen.filter((s) => !s.open).length).toBeGreaterThan(projects.length);

    // and, independently of the validator, the values Ostan writes into coded fields
    const codes = (file: string) => CODELISTS.get(file) ?? new Set<string>();
    for (const project of projects) {
      expect(codes('projectStatus.csv')).toContain(project.status);
      for (const sector of project.sector ?? [])
        expect(codes('projectSector.csv')).toContain(sector);
      if (project.budget) expect(codes('currency.csv')).toContain(project.budget.amount.currency);
      for (const document of project.documents ?? [])
        if (document.documentType !== undefined)
          expect(codes('documentType.csv')).toContain(document.documentType);
    }
  });

  it('prefixes project ids, never writes empty arrays, and links no publication policy', async () => {
    const pkg = await exportPackage();
    expect(pkg).toMatchObject({
      version: '0.9',
      publisher: { name: 'Ostan' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      uri: 'http://ostan.test/exports/projects.oc4ids',
    });
    expect(pkg).not.toHaveProperty('publicationPolicy');
    const projects = pkg.projects as Project[];
    for (const project of projects) {
      expect(project.id).toBe(`${ID_PREFIX}${project.ostan.slug}`);
      expect(project.id).toMatch(/^oc4ids-[a-z0-9]{6}-./);
    }
    expect(new Set(projects.map((p) => p.id)).size).toBe(projects.length);
    const emptyArrays: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) {
        if (value.length === 0) emptyArrays.push(path);
        for (const [i, item] of value.entries()) walk(item, `${path}/${i}`);
      } else if (value && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) walk(item, `${path}/${key}`);
    };
    walk(pkg, '');
    expect(emptyArrays).toEqual([]);
  });

  it('maps sectors to projectSector codes, parents with subsectors, and leaves out the rest', async () => {
    const bySlug = new Map(
      ((await exportPackage()).projects as Project[]).map((p) => [p.ostan.slug, p]),
    );
    expect(bySlug.get('shahr-e-shadi')).toMatchObject({
      status: 'completion',
      sector: ['cultureSportsAndRecreation'],
      budget: { amount: { amount: 4.5e12, currency: 'IRR' } },
      completion: { endDate: '2025-09-03T00:00:00Z' },
    });
    expect(bySlug.get('qom-airport')?.sector).toEqual(['transport']);
    const solar = [...bySlug.values()].find((p) => p.ostan.sector === 'solar-power');
    expect(solar?.sector).toEqual(['energy', 'energy.solar']);
    const agriculture = [...bySlug.values()].find((p) => p.ostan.sector === 'agriculture');
    expect(agriculture?.sector).toEqual(['economy']);
    // manufacturing has no projectSector code: no sector at all, never []
    const footwear = bySlug.get('footwear-chain');
    expect(footwear?.ostan.sector).toBe('footwear');
    expect(footwear).not.toHaveProperty('sector');
    // the source is a document with a valid URL and no made-up documentType
    expect(footwear?.documents).toEqual([
      expect.objectContaining({
        id: 'mehr-2025-08-23-seed',
        url: expect.stringMatching(/^https:/),
      }),
    ]);
    expect(footwear?.documents?.[0]).not.toHaveProperty('documentType');
  });

  it('has a validator that rejects what the export used to write', async () => {
    const pkg = await exportPackage('?sector=tourism');
    const validate = validator();
    expect(validate(pkg)).toBe(true);
    const broken = structuredClone(pkg);
    broken.publicationPolicy = 'Figures are quoted from the cited reports.';
    broken.projects[0].sector = [];
    broken.projects[0].documents = [{ id: 'x', documentType: 'other', url: 'https://example.org' }];
    broken.projects[0].period = { startDate: '2025-02-30T00:00:00Z' };
    broken.projects[0].budget = { amount: { amount: 1, currency: 'TOMAN' } };
    expect(validate(broken)).toBe(false);
    expect(describeErrors(validate.errors)).toEqual(
      expect.arrayContaining([
        '/publicationPolicy must match format "uri"',
        '/projects/0/sector must NOT have fewer than 1 items',
        '/projects/0/documents/0/documentType ["other"] not in documentType.csv',
        '/projects/0/period/startDate must match format "date-time"',
        '/projects/0/budget/amount/currency ["TOMAN"] not in currency.csv',
      ]),
    );
  });

  it('answers 404 with a reason, not an invalid empty package, when no project matches', async () => {
    const response = await exports.default.fetch(
      'http://ostan.test/exports/projects.oc4ids?region=qom&jobsMin=2000000000',
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      code: 'NO_MATCHING_ROWS',
      error: expect.stringContaining('must hold at least one project (`projects` has minItems 1)'),
    });
    // the same filters in a format that can be empty answer with an empty list
    const ndjson = await exports.default.fetch(
      'http://ostan.test/exports/projects.ndjson?region=qom&jobsMin=2000000000',
    );
    expect(ndjson.status).toBe(200);
    expect((await ndjson.text()).trim()).toBe('');
  });

  it('validates a one-project package, the smallest valid one', async () => {
    const pkg = await exportPackage('?limit=1');
    expect(pkg.projects).toHaveLength(1);
    const validate = validator();
    validate(pkg);
    expect(describeErrors(validate.errors)).toEqual([]);
  });
});
