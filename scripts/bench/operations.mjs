// The benchmark operations: each a GraphQL document for Ostan and the floor route (floor/)
// that runs the same SQL. `setup` holds values read from the data set (the province, the cursor).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { canonicalText, sha256Hex } from '../schema/documents.mjs';

const root = join(import.meta.dirname, '..', '..');

const PROVINCE = `query Province($slug: String!) {
  region(slug: $slug) {
    id slug kind name
    children(first: 50) { totalCount nodes { id slug kind name } }
    plans(first: 10) {
      totalCount
      nodes {
        id slug name status
        targets {
          id slug comparator targetValue targetKind baselineValue
          deadlineOn { iso jalali }
          indicator { slug name unit }
          progress { achieved ratio gap met }
        }
      }
    }
    claims(filter: { preferredOnly: true }, orderBy: { field: AS_OF, direction: DESC }, first: 20) {
      totalCount
      nodes {
        id slug value valueMax unit qualifier measure periodText
        asOf { iso jalali }
        indicator { slug name unit }
        source { slug publisher url }
      }
    }
  }
}`;

const PROJECT_ROW = `id slug name status progressPercent directJobs
  investment { amount unit rial }
  startedOn { iso jalali }`;

const FILTERED_PAGE = `query FilteredProjects($filter: ProjectFilter, $orderBy: ProjectOrder, $first: Int) {
  projects(filter: $filter, orderBy: $orderBy, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      ${PROJECT_ROW}
      region { slug name }
      sector { slug name }
    }
  }
}`;

const DEEP_PAGE = `query ProjectsByName($orderBy: ProjectOrder, $first: Int, $after: String) {
  projects(orderBy: $orderBy, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        ${PROJECT_ROW}
        nameEn
        region { slug name }
        sector { slug name }
      }
    }
  }
}`;

const ENERGY_TOTALS = readFileSync(
  join(root, 'schema', 'operations', 'EnergyByTechnologyAndStatus.graphql'),
  'utf8',
);

const PLAN = `query PlanTargets($slug: String!) {
  plan(slug: $slug) {
    id slug name status
    startsOn { iso jalali }
    endsOn { iso jalali }
    targets {
      id slug comparator targetValue targetKind baselineValue
      baselineOn { iso jalali }
      deadlineOn { iso jalali }
      indicator { slug name unit }
      region { slug name }
      progress {
        achieved ratio gap met
        basedOn { slug value unit asOf { iso jalali } source { slug publisher url } }
      }
    }
  }
}`;

const SEARCH = `query Search($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    kind rank
    node {
      __typename
      ... on Node { id }
      ... on Region { slug name kind }
      ... on Sector { slug name }
      ... on Project { slug name projectStatus: status }
      ... on EnergyAsset { slug name technology capacityMw rating }
      ... on Plan { slug name }
      ... on Indicator { slug name unit }
      ... on Source { slug publisher }
      ... on Claim { slug value claimUnit: unit preferred }
    }
  }
}`;

const DEEP = `query Deep {
  regions(kind: PROVINCE, first: 5) {
    nodes {
      slug name
      children(first: 5) {
        nodes {
          slug name
          projects(first: 5) {
            nodes {
              slug name status
              claims(first: 3) { nodes { slug value unit source { slug publisher } } }
            }
          }
        }
      }
    }
  }
}`;

/** The persisted ProvinceOverview operation over GET, as the frontend sends it. */
function persistedGet(name, variables) {
  const text = readFileSync(join(root, 'schema', 'operations', `${name}.graphql`), 'utf8');
  const hash = sha256Hex(canonicalText(parse(text)));
  const manifest = JSON.parse(
    readFileSync(join(root, 'schema', 'persisted-operations.json'), 'utf8'),
  );
  if (!Object.hasOwn(manifest, hash)) return null;
  const params = new URLSearchParams({
    documentId: `sha256:${hash}`,
    variables: JSON.stringify(variables),
  });
  return `?${params}`;
}

/**
 * @param setup {{ province: string, cursor: string, plan: string, search: string }}
 * @returns {{ name, label, ostan: {method, path, body?}, floor: {method, path, body?}, paged? }[]}
 */
export function operations(setup) {
  const gql = (query, variables) => ({
    method: 'POST',
    path: '/graphql',
    body: JSON.stringify({ query, variables }),
  });
  const op = (name, variables) => ({
    method: 'POST',
    path: `/op/${name}`,
    body: JSON.stringify(variables),
  });
  const filter = {
    region: setup.province,
    status: ['UNDER_CONSTRUCTION', 'OPERATIONAL'],
    progressPercent: { min: 20, max: 80 },
  };
  const list = [
    {
      name: 'province',
      label: 'Province overview (children, plans + targets with progress, preferred claims)',
      ostan: gql(PROVINCE, { slug: 'qom' }),
      floor: op('province', { slug: 'qom' }),
    },
    {
      name: 'filtered',
      label:
        'Filtered project page (region + status + progress range, PROGRESS desc, 20 rows, region, sector, totalCount)',
      paged: true,
      ostan: gql(FILTERED_PAGE, {
        filter,
        orderBy: { field: 'PROGRESS', direction: 'DESC' },
        first: 20,
      }),
      floor: op('projectPage', {
        filter: { ...filter, status: ['under_construction', 'operational'] },
        orderBy: { field: 'PROGRESS', direction: 'desc' },
        first: 20,
        withTotal: true,
      }),
    },
    {
      name: 'page500',
      label: 'Page 500 by NAME EN (keyset `after` = row 9,980), 20 rows, region, sector',
      paged: true,
      ostan: gql(DEEP_PAGE, {
        orderBy: { field: 'NAME', lang: 'EN' },
        first: 20,
        after: setup.cursor,
      }),
      floor: op('projectPage', {
        orderBy: { field: 'NAME', lang: 'en', direction: 'asc' },
        first: 20,
        after: setup.cursor,
        withTotal: false,
        edges: true,
      }),
    },
    {
      name: 'page500Unmetered',
      label:
        'The same page without metering (no cf-connecting-ip: no rate-limit call, no budget Durable Object)',
      paged: true,
      unmetered: true,
      ostan: gql(DEEP_PAGE, {
        orderBy: { field: 'NAME', lang: 'EN' },
        first: 20,
        after: setup.cursor,
      }),
      floor: op('projectPage', {
        orderBy: { field: 'NAME', lang: 'en', direction: 'asc' },
        first: 20,
        after: setup.cursor,
        withTotal: false,
        edges: true,
      }),
    },
    {
      name: 'energyTotals',
      label: 'energyTotals by technology and status (province filter)',
      ostan: gql(ENERGY_TOTALS, { region: setup.province }),
      floor: op('energyTotals', {
        filter: { region: setup.province },
        groupBy: ['TECHNOLOGY', 'STATUS'],
      }),
    },
    {
      name: 'plan',
      label: 'Plan targets with progress (and the claims they are judged by)',
      ostan: gql(PLAN, { slug: setup.plan }),
      floor: op('planTargetsWithProgress', { slug: setup.plan }),
    },
    {
      name: 'search',
      label: `Search in Persian («${setup.search}»), 20 hits`,
      ostan: gql(SEARCH, { text: setup.search, first: 20 }),
      floor: op('search', { text: setup.search, first: 20 }),
    },
    {
      name: 'deep',
      label: 'Deep nesting: 5 provinces → 5 children → 5 projects → 3 claims → source',
      ostan: gql(DEEP, {}),
      floor: op('deep', {}),
    },
  ];
  // the metered operations again without metering, so that the budget Durable Object's CPU (in
  // the same local workerd process here; its own isolate, billed apart, in production) shows as
  // the difference between the two rows
  for (const name of ['plan', 'deep']) {
    const metered = list.find((entry) => entry.name === name);
    list.push({
      ...metered,
      name: `${name}Unmetered`,
      label: `${metered.label}, without metering (no rate-limit call, no budget Durable Object)`,
      unmetered: true,
    });
  }
  const query = persistedGet('ProvinceOverview', { slug: 'qom', lang: 'EN' });
  if (query) {
    list.push({
      name: 'cachedGet',
      label: 'Persisted ProvinceOverview over GET, edge-cache hit',
      cached: true,
      ostan: { method: 'GET', path: `/graphql${query}` },
      floor: { method: 'GET', path: `/cached${query}` },
    });
    list.push({
      name: 'cachedGetUnmetered',
      label:
        'The same hit without metering (no cf-connecting-ip: the rate limiter is not called after it)',
      cached: true,
      unmetered: true,
      ostan: { method: 'GET', path: `/graphql${query}` },
      floor: { method: 'GET', path: `/cached${query}` },
    });
  }
  return list;
}
