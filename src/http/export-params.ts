/** Export URLs carry the list filters as query parameters; anything unknown is refused by name. */
import { isoDateProblem } from '../lib/jalali';

export class ExportRequestError extends Error {}

type Kind = 'string' | 'list' | 'number' | 'int' | 'date' | 'boolean';

/** Each parameter: where it goes in the GraphQL filter input, and what it holds. */
type Spec = Record<string, { path: string[]; kind: Kind }>;

const dates = (name: string, field: string): Spec => ({
  [`${name}From`]: { path: [field, 'from'], kind: 'date' },
  [`${name}To`]: { path: [field, 'to'], kind: 'date' },
  [`${name}JalaliYear`]: { path: [field, 'jalaliYear'], kind: 'int' },
  [`${name}JalaliMonth`]: { path: [field, 'jalaliMonth'], kind: 'int' },
});

export const FILTER_PARAMS: Record<'projects' | 'energy-assets' | 'claims', Spec> = {
  projects: {
    region: { path: ['region'], kind: 'string' },
    sector: { path: ['sector'], kind: 'string' },
    status: { path: ['status'], kind: 'list' },
    financing: { path: ['financing'], kind: 'list' },
    progressMin: { path: ['progressPercent', 'min'], kind: 'number' },
    progressMax: { path: ['progressPercent', 'max'], kind: 'number' },
    jobsMin: { path: ['directJobs', 'min'], kind: 'int' },
    jobsMax: { path: ['directJobs', 'max'], kind: 'int' },
    ...dates('started', 'startedOn'),
    ...dates('opened', 'openedOn'),
    synthetic: { path: ['synthetic'], kind: 'boolean' },
  },
  'energy-assets': {
    region: { path: ['region'], kind: 'string' },
    sector: { path: ['sector'], kind: 'string' },
    technology: { path: ['technology'], kind: 'list' },
    rating: { path: ['rating'], kind: 'list' },
    status: { path: ['status'], kind: 'list' },
    capacityMin: { path: ['capacityMw', 'min'], kind: 'number' },
    capacityMax: { path: ['capacityMw', 'max'], kind: 'number' },
    ...dates('started', 'startedOn'),
    ...dates('opened', 'openedOn'),
    plantsOnly: { path: ['plantsOnly'], kind: 'boolean' },
    synthetic: { path: ['synthetic'], kind: 'boolean' },
  },
  claims: {
    indicator: { path: ['indicator'], kind: 'string' },
    source: { path: ['source'], kind: 'string' },
    measure: { path: ['measure'], kind: 'list' },
    ...dates('asOf', 'asOf'),
    preferredOnly: { path: ['preferredOnly'], kind: 'boolean' },
    conflictGroup: { path: ['conflictGroup'], kind: 'string' },
    synthetic: { path: ['synthetic'], kind: 'boolean' },
  },
};

/** Allowed values of the list parameters, so a typo is refused rather than matching nothing. */
export const ENUM_VALUES: Record<string, readonly string[]> = {
  'projects.status': ['planned', 'under_construction', 'operational', 'suspended', 'cancelled'],
  'projects.financing': ['private', 'public', 'bank', 'mixed'],
  'energy-assets.technology': [
    'solar_pv',
    'wind',
    'gas',
    'combined_cycle',
    'chp',
    'hydro',
    'other',
  ],
  'energy-assets.rating': ['ac', 'dc', 'unknown'],
  'energy-assets.status': ['operational', 'under_construction', 'licensed', 'planned'],
  'claims.measure': ['level', 'change', 'target'],
};

export const DEFAULT_EXPORT_LIMIT = 10_000;
export const MAX_EXPORT_LIMIT = 100_000;
const CONTROL = new Set(['limit', 'lang']);

/** Turns query parameters into the filter input of the entity's GraphQL list, and a row limit. */
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
        const allowed = ENUM_VALUES[`${entity}.${name}`] ?? [];
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
  return { filter, limit };
}
