// The abusive requests of issue 12 (and a few more), sent once each to Ostan as an anonymous
// client: what each reads in D1, or how it is refused. Rows read are deterministic for a data
// set, so these rows do not depend on the machine's load.

const aliases = (n, field) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** name, what it tries, and the GraphQL document (no variables). */
export function abusiveRequests(setup) {
  const province = JSON.stringify(setup.province);
  return [
    {
      name: 'searchOneChar',
      label: 'search(text: "a", first: 1)',
      query: '{ search(text: "a", first: 1) { rank } }',
    },
    {
      name: 'search15OneChar',
      label: '15 aliases of search(text: "a", first: 100)',
      query: aliases(15, 'search(text: "a", first: 100) { rank }'),
    },
    {
      name: 'search15Common',
      label: '15 aliases of search(text: "پروژه ساختگی", first: 100): every trigram common',
      query: aliases(15, 'search(text: "پروژه ساختگی", first: 100) { rank }'),
    },
    {
      name: 'counts15',
      label: '15 aliases of claims(first: 1) { totalCount }',
      query: aliases(15, 'claims(first: 1) { totalCount }'),
    },
    {
      name: 'pages15',
      label: '15 aliases of projects(first: 100) with totalCount, region and sector',
      query: aliases(
        15,
        'projects(first: 100) { totalCount nodes { slug region { slug } sector { slug } } }',
      ),
    },
    {
      name: 'totals4',
      label: 'projectTotals grouped by REGION, SECTOR, STATUS, STARTED_MONTH (no filter)',
      query: '{ projectTotals(groupBy: [REGION, SECTOR, STATUS, STARTED_MONTH]) { count } }',
    },
    {
      name: 'totalsProvince',
      label: 'projectTotals of the largest province by STATUS',
      query: `{ projectTotals(filter: { region: ${province} }, groupBy: [STATUS]) { count } }`,
    },
    {
      name: 'energyTotalsAll',
      label: 'energyTotals by TECHNOLOGY and STATUS, no filter',
      query: '{ energyTotals(groupBy: [TECHNOLOGY, STATUS]) { count } }',
    },
    // a dashboard's list (ProjectsList's shape) in the largest province, by each order a client
    // may pick: an order no index serves within a region sorts the region's matching rows
    ...['NAME', 'PROGRESS', 'STARTED_ON', 'DIRECT_JOBS', 'INVESTMENT', 'OPENED_ON'].map(
      (field) => ({
        name: `provinceBy${field.toLowerCase().replace(/(^|_)(\w)/g, (_m, _u, c) => c.toUpperCase())}`,
        label: `projects of the largest province, operational or under construction, by ${field}, first 5`,
        query: `{ projects(filter: { region: ${province}, status: [OPERATIONAL, UNDER_CONSTRUCTION] }, orderBy: { field: ${field}, direction: ASC }, first: 5) { totalCount nodes { slug } } }`,
      }),
    ),
    {
      name: 'provinceByOpenedOnDesc',
      label: 'projects of the largest province by OPENED_ON, newest first, first 5',
      query: `{ projects(filter: { region: ${province} }, orderBy: { field: OPENED_ON, direction: DESC }, first: 5) { nodes { slug } } }`,
    },
    {
      name: 'provinceNoMatchWalk',
      label:
        'projects of the largest province that are not synthetic (none are), by PROGRESS: a walk whose filter the index does not hold',
      query: `{ projects(filter: { region: ${province}, synthetic: false }, orderBy: { field: PROGRESS }, first: 5) { nodes { slug } } }`,
    },
    {
      name: 'nestedByStartedOn',
      label: 'regions(kind: PROVINCE, first: 100) → projects by STARTED_ON (first: 1)',
      query:
        '{ regions(kind: PROVINCE, first: 100) { nodes { projects(orderBy: { field: STARTED_ON }, first: 1) { nodes { slug } } } } }',
    },
    {
      name: 'nestedPlantsByOpenedOn',
      label: 'regions(kind: PROVINCE, first: 100) → energyAssets by OPENED_ON DESC (first: 1)',
      query:
        '{ regions(kind: PROVINCE, first: 100) { nodes { energyAssets(orderBy: { field: OPENED_ON, direction: DESC }, first: 1) { nodes { slug } } } } }',
    },
    {
      name: 'nestedSectorsByStartedOn',
      label: 'sectors(first: 100) → projects by STARTED_ON (first: 1)',
      query:
        '{ sectors(first: 100) { nodes { projects(orderBy: { field: STARTED_ON }, first: 1) { nodes { slug } } } } }',
    },
    {
      name: 'nestedSectorsSparse',
      label: 'sectors(first: 100) → projects not synthetic (none at scale) by PROGRESS (first: 1)',
      query:
        '{ sectors(first: 100) { nodes { projects(filter: { synthetic: false }, orderBy: { field: PROGRESS }, first: 1) { nodes { slug } } } } }',
    },
    {
      name: 'nestedCountiesSparse',
      label: 'regions(kind: COUNTY, first: 100) → projects not synthetic by STARTED_ON (first: 1)',
      query:
        '{ regions(kind: COUNTY, first: 100) { nodes { projects(filter: { synthetic: false }, orderBy: { field: STARTED_ON }, first: 1) { nodes { slug } } } } }',
    },
    {
      name: 'nestedSourceClaimsByAsOf',
      label: 'sources(first: 100) → claims by AS_OF (first: 1)',
      query:
        '{ sources(first: 100) { nodes { claims(orderBy: { field: AS_OF }, first: 1) { nodes { slug } } } } }',
    },
    {
      name: 'nestedIndicatorClaimsSparse',
      label: 'indicators(first: 100) → claims not synthetic by VALUE (first: 1)',
      query:
        '{ indicators(first: 100) { nodes { claims(filter: { synthetic: false }, orderBy: { field: VALUE }, first: 1) { nodes { slug } } } } }',
    },
    {
      name: 'claimsOfSourceByAsOf',
      label: 'claims of one source by AS_OF (first: 5), top level',
      query:
        '{ claims(filter: { source: "mehr-2025-08-23-seed" }, orderBy: { field: AS_OF }, first: 5) { nodes { slug } } }',
    },
    {
      name: 'claimsWithRelated',
      label: 'claims of an indicator with related ones (withRelated), first 5',
      query:
        '{ claims(filter: { indicator: "jobs_created", withRelated: true }, first: 5) { nodes { slug } } }',
    },
    {
      name: 'countryNested',
      label: 'region(slug: "iran") → projects by NAME (first: 5): the country as a parent',
      query:
        '{ region(slug: "iran") { projects(orderBy: { field: NAME }, first: 5) { nodes { slug } } } }',
    },
    {
      name: 'deepWide',
      label: 'regions(first: 100) → children(first: 100) → projects(first: 1) with totalCount',
      query:
        '{ regions(kind: PROVINCE, first: 100) { nodes { children(first: 100) { nodes { projects(first: 1) { totalCount nodes { slug } } } } } } }',
    },
    // exports: GET routes, priced before reading (x-ostan-rows-priced); the rows they read are
    // what the address's rows budget grew by
    {
      name: 'exportAllProjects',
      label: 'GET /exports/projects.csv?limit=100000 (every project)',
      path: '/exports/projects.csv?limit=100000',
    },
    {
      name: 'exportProvince',
      label: `GET /exports/projects.csv?region=${setup.province} (the default limit, 10,000)`,
      path: `/exports/projects.csv?region=${encodeURIComponent(setup.province)}`,
    },
    {
      name: 'exportSparse',
      label:
        'GET /exports/projects.ndjson?status=suspended,cancelled (a walk of every project: in parts past the ceiling)',
      path: '/exports/projects.ndjson?status=suspended,cancelled',
    },
    {
      name: 'exportClaims',
      label: 'GET /exports/claims.ndjson?limit=10000',
      path: '/exports/claims.ndjson?limit=10000',
    },
    {
      name: 'dataStatus15',
      label: '15 × dataStatus with every count (what /status answers)',
      query: aliases(
        15,
        'dataStatus { version lastChangeAt counts { projects energyAssets claims syntheticRows } }',
      ),
    },
  ];
}

/** Sends each once; returns what it read or how it was refused. */
export async function runAbuse(server, headers, setup) {
  const out = [];
  /** The rows the address has spent so far (an introspection request reads none). */
  const spent = async () => {
    const response = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return (await response.json()).extensions?.queryCost?.rowsBudget?.used ?? 0;
  };
  for (const request of abusiveRequests(setup)) {
    if (request.path) {
      const before = await spent();
      const response = await fetch(`${server.base}${request.path}`, { headers });
      const text = await response.text();
      const refused = response.status === 200 ? null : JSON.parse(text);
      out.push({
        name: request.name,
        label: request.label,
        status: response.status,
        // a walked export past the ceiling answers its first part and names the next
        errors: refused
          ? [refused.error?.code ?? refused.code ?? 'ERROR']
          : /rel="next"/.test(response.headers.get('link') ?? '')
            ? ['a part: Link rel="next"']
            : [],
        answered: refused ? 0 : 1,
        queryCost: null,
        d1RowsRead: (await spent()) - before,
        d1RowsEstimated: Number(response.headers.get('x-ostan-rows-priced')) || null,
      });
      continue;
    }
    const response = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: request.query }),
    });
    const body = await response.json();
    const codes = [...new Set((body.errors ?? []).map((e) => e.extensions?.code ?? 'ERROR'))];
    out.push({
      name: request.name,
      label: request.label,
      status: response.status,
      errors: codes,
      answered: body.data ? Object.values(body.data).filter((v) => v != null).length : 0,
      queryCost: body.extensions?.queryCost?.requested ?? null,
      d1RowsRead: body.extensions?.cost?.d1RowsRead ?? null,
      d1RowsEstimated: body.extensions?.cost?.d1RowsEstimated ?? null,
    });
  }
  return out;
}
