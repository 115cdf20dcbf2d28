// Totals served from the cells of migrations 0015 (per county) and 0017 (per province) say what
// the base tables say, through partner creates, updates (moves, status changes, a lower maximum)
// and deletes made with the mutation API: counts, sums, averages, and minimum and maximum after
// the row that held them changes.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { gql, gqlData } from '../helpers';
import { bearer, issueKey } from '../partner-keys';
import { CREATE_PROJECT, newProject, projectsKey, UPDATE_PROJECT } from './partner-writes-helpers';

type Row = Record<string, number | string | null>;

const STATS = 'count sum min max avg';
const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : null);
const stats = (row: Row, prefix: string) => ({
  count: row[`${prefix}_count`],
  sum: row[`${prefix}_sum`],
  min: row[`${prefix}_min`],
  max: row[`${prefix}_max`],
  avg: row[`${prefix}_avg`],
});
const measure = (sql: string, prefix: string) =>
  `count(${sql}) AS ${prefix}_count, sum(${sql}) AS ${prefix}_sum, min(${sql}) AS ${prefix}_min, max(${sql}) AS ${prefix}_max, avg(${sql}) AS ${prefix}_avg`;

/**
 * The groupings checked after every write: by county (the county cells of 0015), Qom as a whole
 * and the country by province (the province cells of 0017).
 */
const GROUPINGS = [
  { name: 'Qom by county', region: 'qom', dimension: 'COUNTY', column: 'county_id' },
  { name: 'Qom as a whole', region: 'qom', dimension: null, column: null },
  { name: 'the country by province', region: null, dimension: 'PROVINCE', column: 'province_id' },
] as const;
type Grouping = (typeof GROUPINGS)[number];

const QOM = "(SELECT id FROM regions WHERE slug = 'qom')";
/** The API's filter, selection and groupBy, and the truth's WHERE and GROUP BY, of a grouping. */
function shape(grouping: Grouping, alias: string, rest: string[]) {
  const place = grouping.dimension?.toLowerCase();
  return {
    filter: grouping.region ? `filter: { region: "${grouping.region}" }, ` : '',
    select: place ? `${place} { slug }` : '',
    groupBy: [...(grouping.dimension ? [grouping.dimension] : []), ...rest.map(upperCase)],
    where: grouping.region ? `${alias}.province_id = ${QOM}` : '1',
    keys: [
      ...(grouping.column ? [`${alias}.${grouping.column}`] : []),
      ...rest.map((k) => `${alias}.${k}`),
    ],
    place,
  };
}
const upperCase = (value: string) => value.toUpperCase();
const placeOf = (grouping: Grouping, row: Row) => {
  const place = grouping.dimension?.toLowerCase();
  return place ? { [place]: row.place === null ? null : { slug: row.place } } : {};
};

/** Project totals by `grouping`, status and financing, through the API (served from cells). */
async function projectTotals(grouping: Grouping) {
  const { filter, select, groupBy } = shape(grouping, 'p', ['status', 'financing']);
  const { body } = await gql<{ projectTotals: unknown[] }>(
    `{ projectTotals(${filter}groupBy: [${groupBy.join(', ')}]) {
      ${select} status financing count
      directJobs { ${STATS} } investmentRial { ${STATS} } progressPercent { ${STATS} }
    } }`,
  );
  expect(body.errors).toBeUndefined();
  return body.data?.projectTotals;
}

/** The same totals computed from the projects table. */
async function projectTruth(grouping: Grouping) {
  const { where, keys } = shape(grouping, 'p', ['status', 'financing']);
  const { results } = await env.DB.prepare(
    `SELECT ${grouping.column ? `(SELECT slug FROM regions WHERE id = p.${grouping.column})` : 'NULL'} AS place,
       p.status, p.financing, count(*) AS n,
       ${measure('p.direct_jobs', 'jobs')}, ${measure('p.investment_rial', 'inv')},
       ${measure('p.progress_pct', 'prog')}
     FROM projects p WHERE ${where}
     GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}`,
  ).all<Row>();
  return results.map((row) => ({
    ...placeOf(grouping, row),
    status: upper(row.status),
    financing: upper(row.financing),
    count: row.n,
    directJobs: stats(row, 'jobs'),
    investmentRial: stats(row, 'inv'),
    progressPercent: stats(row, 'prog'),
  }));
}

/** Energy totals by `grouping`, technology and status, through the API (served from cells). */
async function energyTotals(grouping: Grouping) {
  const { filter, select, groupBy } = shape(grouping, 'e', ['technology', 'status']);
  const { body } = await gql<{ energyTotals: unknown[] }>(
    `{ energyTotals(${filter}groupBy: [${groupBy.join(', ')}]) {
      ${select} technology status rating count capacityMw { ${STATS} } capacityIsLowerBound
    } }`,
  );
  expect(body.errors).toBeUndefined();
  return body.data?.energyTotals;
}

/** The same totals computed from the energy_assets table, counting leaves only. */
async function energyTruth(grouping: Grouping) {
  const { where, keys } = shape(grouping, 'e', ['technology', 'status', 'rating']);
  const { results } = await env.DB.prepare(
    `SELECT ${grouping.column ? `(SELECT slug FROM regions WHERE id = e.${grouping.column})` : 'NULL'} AS place,
       e.technology, e.status, e.rating, count(*) AS n,
       ${measure('e.capacity_mw', 'cap')},
       count(CASE WHEN e.capacity_qualifier IN ('more_than', 'at_least') THEN 1 END) AS lower_bounds
     FROM energy_assets e
     WHERE ${where} AND NOT EXISTS (SELECT 1 FROM energy_assets child WHERE child.parent_id = e.id)
     GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}`,
  ).all<Row>();
  return results.map((row) => ({
    ...placeOf(grouping, row),
    technology: upper(row.technology),
    status: upper(row.status),
    rating: upper(row.rating),
    count: row.n,
    capacityMw: stats(row, 'cap'),
    capacityIsLowerBound: Number(row.lower_bounds) > 0,
  }));
}

async function expectProjectTotalsTrue() {
  for (const grouping of GROUPINGS) {
    const truth = await projectTruth(grouping);
    expect(truth.length, grouping.name).toBeGreaterThan(0);
    expect(await projectTotals(grouping), grouping.name).toEqual(truth);
  }
}

async function expectEnergyTotalsTrue() {
  for (const grouping of GROUPINGS) {
    const truth = await energyTruth(grouping);
    expect(truth.length, grouping.name).toBeGreaterThan(0);
    expect(await energyTotals(grouping), grouping.name).toEqual(truth);
  }
}

type Written = { id: string; version: number };

describe('totals cells follow partner writes', () => {
  it('project totals equal the projects table after creates, updates and deletes', async () => {
    const headers = bearer(await projectsKey());
    await expectProjectTotalsTrue();
    const create = async (slug: string, extra: Record<string, unknown>) =>
      (
        await gqlData<{ createProject: Written }>(
          CREATE_PROJECT,
          { input: newProject(slug, extra) },
          headers,
        )
      ).createProject;
    const small = await create('cells-small', { directJobs: 3, financing: 'BANK' });
    const big = await create('cells-big', {
      directJobs: 90_000,
      progressPercent: 99.5,
      financing: 'BANK',
    });
    await expectProjectTotalsTrue();

    // the cell's maximum falls back when the row holding it changes, and the row moves county
    const updated = await gqlData<{ updateProject: Written }>(
      UPDATE_PROJECT,
      {
        input: {
          id: big.id,
          version: big.version,
          changes: { directJobs: 1, status: 'UNDER_CONSTRUCTION', region: 'jafarabad' },
        },
      },
      headers,
    );
    expect(updated.updateProject).toMatchObject({ version: big.version + 1 });
    await expectProjectTotalsTrue();

    // the minimum goes with the row that held it
    await gqlData(
      'mutation ($input: DeleteInput!) { deleteProject(input: $input) { __typename } }',
      { input: { id: small.id, version: small.version } },
      headers,
    );
    await expectProjectTotalsTrue();
  });

  it('energy totals equal the leaves of energy_assets as phases come and go', async () => {
    const headers = bearer(await issueKey({ scopes: ['write:energy'] }));
    await expectEnergyTotalsTrue();
    const RESULT = '__typename ... on Error { message } ... on EnergyAsset { id version }';
    const create = async (input: Record<string, unknown>) => {
      const data = await gqlData<{ createEnergyAsset: Written & { __typename: string } }>(
        `mutation ($input: CreateEnergyAssetInput!) { createEnergyAsset(input: $input) { ${RESULT} } }`,
        {
          input: {
            region: 'qom-city',
            nameFa: 'نیروگاه',
            nameEn: 'Plant',
            technology: 'GAS',
            status: 'PLANNED',
            ...input,
          },
        },
        headers,
      );
      expect(data.createEnergyAsset.__typename).toBe('EnergyAsset');
      return data.createEnergyAsset;
    };
    const remove = (asset: Written) =>
      gqlData(
        'mutation ($input: DeleteInput!) { deleteEnergyAsset(input: $input) { __typename } }',
        { input: { id: asset.id, version: asset.version } },
        headers,
      );

    const plant = await create({
      slug: 'cells-plant',
      capacityMw: 9_000,
      capacityQualifier: 'MORE_THAN',
    });
    await expectEnergyTotalsTrue();

    // a phase: the plant now counts through it, and leaves its cell (its maximum with it)
    const phase = await create({ slug: 'cells-plant-1', parent: 'cells-plant', capacityMw: 40 });
    await expectEnergyTotalsTrue();

    const updated = await gqlData<{ updateEnergyAsset: Written }>(
      `mutation ($input: UpdateEnergyAssetInput!) { updateEnergyAsset(input: $input) { ${RESULT} } }`,
      {
        input: {
          id: phase.id,
          version: phase.version,
          changes: { capacityMw: 0.5, status: 'OPERATIONAL' },
        },
      },
      headers,
    );
    await expectEnergyTotalsTrue();

    // without its phase the plant is a leaf again
    await remove(updated.updateEnergyAsset);
    await expectEnergyTotalsTrue();
    await remove(plant);
    await expectEnergyTotalsTrue();
  });
});
