/** Export URLs carry the list filters as query parameters; anything unknown is refused by name. */
import { CODES, type CodeList } from '../db/codes';
import { isoDateProblem } from '../lib/jalali';

export class ExportRequestError extends Error {}

type Kind = 'string' | 'list' | 'number' | 'int' | 'date' | 'boolean';

/** Each parameter: where it goes in the list's filter, what it holds, and for a list its codes. */
type Spec = Record<string, { path: string[]; kind: Kind; codes?: CodeList<string> }>;

const plain = (field: string, kind: Kind) => ({ path: [field], kind });
const codes = (field: string, list: CodeList<string>) => ({
  path: [field],
  kind: 'list' as const,
  codes: list,
});

const dates = (name: string, field: string): Spec => ({
  [`${name}From`]: { path: [field, 'from'], kind: 'date' },
  [`${name}To`]: { path: [field, 'to'], kind: 'date' },
  [`${name}JalaliYear`]: { path: [field, 'jalaliYear'], kind: 'int' },
  [`${name}JalaliMonth`]: { path: [field, 'jalaliMonth'], kind: 'int' },
});

const range = (name: string, field: string, kind: 'number' | 'int'): Spec => ({
  [`${name}Min`]: { path: [field, 'min'], kind },
  [`${name}Max`]: { path: [field, 'max'], kind },
});

/** The parameters of a sited list (projects, plants): the data layer's `SitedFilter`. */
const sited = (own: Spec): Spec => ({
  region: plain('region', 'string'),
  sector: plain('sector', 'string'),
  ...own,
  ...dates('started', 'startedOn'),
  ...dates('opened', 'openedOn'),
});

export const FILTER_PARAMS: Record<'projects' | 'energy-assets' | 'claims', Spec> = {
  projects: {
    ...sited({
      status: codes('status', CODES.projectStatuses),
      financing: codes('financing', CODES.financings),
      ...range('progress', 'progressPercent', 'number'),
      ...range('jobs', 'directJobs', 'int'),
    }),
    synthetic: plain('synthetic', 'boolean'),
  },
  'energy-assets': {
    ...sited({
      technology: codes('technology', CODES.technologies),
      rating: codes('rating', CODES.ratings),
      status: codes('status', CODES.energyStatuses),
      ...range('capacity', 'capacityMw', 'number'),
    }),
    plantsOnly: plain('plantsOnly', 'boolean'),
    synthetic: plain('synthetic', 'boolean'),
  },
  claims: {
    indicator: plain('indicator', 'string'),
    source: plain('source', 'string'),
    measure: codes('measure', CODES.measures),
    ...dates('asOf', 'asOf'),
    preferredOnly: plain('preferredOnly', 'boolean'),
    conflictGroup: plain('conflictGroup', 'string'),
    synthetic: plain('synthetic', 'boolean'),
  },
};

export const DEFAULT_EXPORT_LIMIT = 10_000;
export const MAX_EXPORT_LIMIT = 100_000;
const CONTROL = new Set(['limit', 'lang', 'after']);

/**
 * Turns query parameters into the filter input of the entity's GraphQL list, a row limit and
 * `after`: the slug of the row the export starts after, in id order (a part's `Link: rel="next"`,
 * or the last row of a response that held `limit` rows).
 */
export function readExportParams(entity: keyof typeof FILTER_PARAMS, params: URLSearchParams) {
  const spec = FILTER_PARAMS[entity];
  const filter: Record<string, unknown> = {};
  for (const [name, raw] of params) {
    if (CONTROL.has(name)) continue;
    const param = spec[name];
    if (!param) {
      throw new ExportRequestError(
        `Unknown filter "${name.slice(0, 40)}" for ${entity}; known: ${[...Object.keys(spec), ...CONTROL].join(', ')}.`,
      );
    }
    if (raw.length > 200) throw new ExportRequestError(`"${name}" is too long.`);
    let value: unknown;
    switch (param.kind) {
      case 'string':
        value = raw;
        break;
      case 'list': {
        const allowed = param.codes?.values ?? [];
        const values = raw.split(',').map((v) => v.trim().toLowerCase());
        const bad = values.filter((v) => !allowed.includes(v));
        if (bad.length > 0) {
          throw new ExportRequestError(
            `"${name}" has unknown value(s) ${bad.join(', ')}; use ${allowed.join(', ')}.`,
          );
        }
        value = values;
        break;
      }
      case 'number':
      case 'int': {
        const number = Number(raw);
        if (
          raw.trim() === '' ||
          !Number.isFinite(number) ||
          (param.kind === 'int' && !Number.isInteger(number))
        ) {
          throw new ExportRequestError(
            `"${name}" must be ${param.kind === 'int' ? 'an integer' : 'a number'}.`,
          );
        }
        value = number;
        break;
      }
      case 'date': {
        const problem = isoDateProblem(raw);
        if (problem) throw new ExportRequestError(`"${name}": ${problem}`);
        value = raw;
        break;
      }
      case 'boolean':
        if (raw !== 'true' && raw !== 'false')
          throw new ExportRequestError(`"${name}" must be true or false.`);
        value = raw === 'true';
        break;
    }
    let target = filter;
    for (const key of param.path.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[param.path[param.path.length - 1] as string] = value;
  }
  const limitText = params.get('limit');
  const limit = limitText === null ? DEFAULT_EXPORT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_LIMIT) {
    throw new ExportRequestError(`"limit" must be an integer between 1 and ${MAX_EXPORT_LIMIT}.`);
  }
  const after = params.get('after');
  if (after !== null && (after.trim() === '' || after.length > 200)) {
    throw new ExportRequestError(
      '"after" must be the slug of a row of this export (a Link rel="next", or the last row you have).',
    );
  }
  return { filter, limit, after };
}
