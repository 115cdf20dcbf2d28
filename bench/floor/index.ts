/**
 * The benchmark floor: for each benchmark operation, the same D1 statements Ostan runs for it,
 * answered as plain JSON with no GraphQL (no parse, validate, resolvers or result shaping).
 *
 * The SQL is literally Ostan's: the statements come from the same data-layer functions
 * (src/db/*: fetchPage, fetchChildPages, byIds/bySlugs, targetsOfPlans, latestClaimsForTargets,
 * searchRows, totals) and the same condition and ordering builders (src/graphql/*: projectConditions,
 * projectOrdering, claimConditions, claimOrdering, energyAssetConditions). Where Ostan's DataLoaders
 * run several statements, the floor runs the same statements in the same rounds (one per loader
 * and tick), through the same per-request D1 session (src/http/session.ts) and the same counting
 * handle (src/db/client.ts), so `cost` can be compared with Ostan's `extensions.cost`.
 *
 * Importing the src/graphql modules registers their Pothos types at start-up (the schema is never
 * built here); that costs start-up time only, never per-request CPU.
 *
 * Routes: POST /op/<name> with the operation's variables as a JSON body; GET /cached?... (the
 * persisted-GET URL Ostan gets) for the edge-cache floor.
 */
import { readCacheKey } from '../../src/cache';
import type { Context } from '../../src/context';
import { type Claim, claims, latestClaimsForTargets } from '../../src/db/claims';
import { Db } from '../../src/db/client';
import { energyAssets } from '../../src/db/energy-assets';
import { indicators } from '../../src/db/indicators';
import { fetchChildPages, fetchPage } from '../../src/db/pagination';
import { type Plan, plans, targetsOfPlans } from '../../src/db/plans';
import { type Project, projects } from '../../src/db/projects';
import { type Region, regions } from '../../src/db/regions';
import { type SearchKind, searchRows } from '../../src/db/search';
import { sectors } from '../../src/db/sectors';
import { sources } from '../../src/db/sources';
import type { Table } from '../../src/db/table';
import { LEVELS_CTE, totals } from '../../src/db/totals';
import { claimConditions, claimOrdering } from '../../src/graphql/claim';
import { energyAssetConditions } from '../../src/graphql/energy-asset';
import { projectConditions, projectOrdering } from '../../src/graphql/project';
import { currentDataVersion } from '../../src/http/data-version';
import { RequestSession } from '../../src/http/session';
import { computeProgress } from '../../src/lib/progress';
import { persistedHashOf } from '../../src/persisted';

export { DataVersion } from '../../src/http/data-version';

// keeps LEVELS_CTE referenced: totals() prefixes it to the statement itself
void LEVELS_CTE;

interface Env {
  DB: D1Database;
  DATA_VERSION: DurableObjectNamespace;
}

type Vars = Record<string, unknown>;

const uniq = <T>(values: (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v != null)),
];
const nodes = <Row>(page: { edges: { node: Row }[] }) => page.edges.map((edge) => edge.node);

function contextOf(env: Env): Context {
  // the same D1 handle Ostan's route gives Yoga when D1_SESSIONS is on: one session per request
  const session = new RequestSession(env.DB, null);
  return {
    db: new Db(session as unknown as D1DatabaseSession),
    d1: env.DB,
    lang: 'fa',
    requestId: '',
    viewer: { kind: 'anonymous' },
    loaders: new Map(),
  };
}

/** region(slug) { children(first: 50) plans(first: 10) { targets { indicator progress } } claims(preferredOnly, AS_OF desc, first: 20) { indicator source } } */
async function province(ctx: Context, vars: Vars) {
  const { db } = ctx;
  const [region] = await regions.bySlugs(db, [String(vars.slug)]);
  if (!region) return { region: null };
  const ids = [region.id];
  const claimOrder = { field: 'AS_OF', direction: 'desc' } as const;
  const loadClaims = async () => {
    const conditions = await claimConditions(ctx, { preferredOnly: true });
    conditions.add('c.subject_kind = ?', 'region');
    const [page] = await fetchChildPages<Claim>(
      db,
      claims.list(conditions.where, conditions.params),
      'c.subject_id',
      ids,
      claimOrdering(claimOrder),
      { first: 20 },
      true,
    );
    return nodes(page as NonNullable<typeof page>);
  };
  const loadPlans = async () => {
    const [page] = await fetchChildPages<Plan>(
      db,
      plans.list(),
      'pl.region_id',
      ids,
      plans.byIdOrdering,
      { first: 10 },
      true,
    );
    return page as NonNullable<typeof page>;
  };
  // round 1: the three connections; round 2: targets and the claims' sources; round 3: the
  // indicators of targets and claims in one load, and the claims that judge the targets
  const [children, planPage, claimRows] = await Promise.all([
    fetchChildPages<Region>(
      db,
      regions.list(),
      'r.parent_id',
      ids,
      regions.byIdOrdering,
      { first: 50 },
      true,
    ),
    loadPlans(),
    loadClaims(),
  ]);
  const planIds = nodes(planPage).map((p) => p.id);
  const [targetLists, sourceRows] = await Promise.all([
    planIds.length > 0 ? targetsOfPlans(db, planIds) : [],
    sources.byIds(db, uniq(claimRows.map((c) => c.sourceId))),
  ]);
  const targets = targetLists.flat();
  const [indicatorRows, latest] = await Promise.all([
    indicators.byIds(
      db,
      uniq([...targets.map((t) => t.indicatorId), ...claimRows.map((c) => c.indicatorId)]),
    ),
    targets.length > 0
      ? latestClaimsForTargets(
          db,
          targets.map((t) => t.id),
        )
      : [],
  ]);
  return {
    region,
    children: children[0],
    plans: { page: planPage, targets, latest },
    claims: { rows: claimRows, indicatorRows, sourceRows },
  };
}

/** projects(filter: { region, status, progressPercent }, orderBy: PROGRESS desc, first: 20) { totalCount nodes { region sector } } */
async function projectPage(ctx: Context, vars: Vars) {
  const { db } = ctx;
  const conditions = await projectConditions(ctx, vars.filter as never);
  const page = await fetchPage<Project>(
    db,
    projects.list(conditions.where, conditions.params),
    projectOrdering(vars.orderBy as never, ctx.lang),
    { first: vars.first as number, after: (vars.after as string) ?? null },
    vars.withTotal === true,
  );
  const rows = nodes(page);
  const [regionRows, sectorRows] = await Promise.all([
    regions.byIds(db, uniq(rows.map((p) => p.regionId))),
    vars.withSector === false ? [] : sectors.byIds(db, uniq(rows.map((p) => p.sectorId))),
  ]);
  return { page, regionRows, sectorRows };
}

/** energyTotals(filter: { region }, groupBy: [TECHNOLOGY, STATUS]): src/graphql/totals.ts's energyTotals. */
async function energyTotals(ctx: Context, vars: Vars) {
  const conditions = await energyAssetConditions(ctx, vars.filter as never);
  // the lines below repeat src/graphql/totals.ts (its energyTotals and LEVEL_JOINS are private)
  conditions.add('NOT EXISTS (SELECT 1 FROM energy_assets child WHERE child.parent_id = e.id)');
  const alias = 'e';
  const result = await totals(ctx.db, {
    from: `energy_assets e LEFT JOIN region_levels lv ON lv.region_id = ${alias}.region_id LEFT JOIN sector_roots sr ON sr.sector_id = ${alias}.sector_id`,
    where: conditions.where,
    params: conditions.params,
    dimensions: [
      { key: 'technology', sql: 'e.technology' },
      { key: 'status', sql: `${alias}.status` },
      { key: 'rating', sql: 'e.rating' },
    ],
    measures: [{ key: 'capacityMw', sql: 'e.capacity_mw' }],
  });
  return result.rows;
}

/** plan(slug) { targets { indicator region progress { basedOn { source } } } } */
async function planTargetsWithProgress(ctx: Context, vars: Vars) {
  const { db } = ctx;
  const [plan] = await plans.bySlugs(db, [String(vars.slug)]);
  if (!plan) return { plan: null };
  const [targets = []] = await targetsOfPlans(db, [plan.id]);
  const [indicatorRows, regionRows, latest] = await Promise.all([
    indicators.byIds(db, uniq(targets.map((t) => t.indicatorId))),
    regions.byIds(db, uniq(targets.map((t) => t.regionId))),
    latestClaimsForTargets(
      db,
      targets.map((t) => t.id),
    ),
  ]);
  // basedOn (and its source) is asked only where progress is not null
  const judged = latest.filter((claim, i) => {
    const target = targets[i];
    return (
      claim !== null &&
      target !== undefined &&
      computeProgress(target, {
        value: claim.normalisedValue,
        valueMax: claim.normalisedValueMax,
        qualifier: claim.qualifier,
      }) !== null
    );
  });
  const sourceRows = await sources.byIds(db, uniq(judged.map((c) => c?.sourceId)));
  return { plan, targets, indicatorRows, regionRows, latest, sourceRows };
}

const TABLES: Record<SearchKind, Table<{ id: number; slug: string }>> = {
  region: regions,
  sector: sectors,
  source: sources,
  indicator: indicators,
  project: projects,
  energy_asset: energyAssets,
  plan: plans,
  claim: claims,
} as never;

/** search(text, first: 20) { kind rank node { … } }: the hits, then one load per kind. */
async function search(ctx: Context, vars: Vars) {
  const { db } = ctx;
  const rows = await searchRows(db, String(vars.text), Number(vars.first ?? 20));
  const kinds = uniq(rows.map((row) => row.kind));
  const loaded = await Promise.all(
    kinds.map((kind) =>
      TABLES[kind].byIds(db, uniq(rows.filter((row) => row.kind === kind).map((row) => row.id))),
    ),
  );
  return { rows, loaded };
}

/** regions(kind: PROVINCE, first: 5) → children(first: 5) → projects(first: 5) → claims(first: 3) → source */
async function deep(ctx: Context, vars: Vars) {
  const { db } = ctx;
  const n = (key: string, fallback: number) => Number(vars[key] ?? fallback);
  const top = await fetchPage<Region>(
    db,
    regions.list(['r.kind = ?'], ['province']),
    regions.byIdOrdering,
    { first: n('regions', 5) },
    false,
  );
  const topIds = nodes(top).map((r) => r.id);
  const children = await fetchChildPages<Region>(
    db,
    regions.list(),
    'r.parent_id',
    topIds,
    regions.byIdOrdering,
    { first: n('children', 5) },
    false,
  );
  const childIds = children.flatMap((page) => nodes(page).map((r) => r.id));
  const projectFilter = await projectConditions(ctx, undefined);
  const projectPages = await fetchChildPages<Project>(
    db,
    projects.list(projectFilter.where, projectFilter.params),
    { tree: 'regions', column: 'p.region_id' },
    childIds,
    projectOrdering(undefined, ctx.lang),
    { first: n('projects', 5) },
    false,
  );
  const projectIds = projectPages.flatMap((page) => nodes(page).map((p) => p.id));
  const claimFilter = await claimConditions(ctx, undefined);
  claimFilter.add('c.subject_kind = ?', 'project');
  const claimPages = await fetchChildPages<Claim>(
    db,
    claims.list(claimFilter.where, claimFilter.params),
    'c.subject_id',
    projectIds,
    claimOrdering(undefined),
    { first: n('claims', 3) },
    false,
  );
  const sourceRows = await sources.byIds(
    db,
    uniq(claimPages.flatMap((page) => nodes(page).map((c) => c.sourceId))),
  );
  return { top, children, projectPages, claimPages, sourceRows };
}

const OPERATIONS: Record<string, (ctx: Context, vars: Vars) => Promise<unknown>> = {
  province,
  projectPage,
  energyTotals,
  planTargetsWithProgress,
  search,
  deep,
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

/** The edge-cache floor: the same key (src/cache.ts) and data version (one DO call), then the hit. */
async function cached(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const url = new URL(request.url);
  const hash = persistedHashOf(url);
  if (!hash) return json({ error: 'not a persisted operation' }, 400);
  const bindings = env as unknown as CloudflareBindings;
  const key = await readCacheKey(request, url, hash, await currentDataVersion(bindings));
  if (!key) return json({ error: 'bad variables' }, 400);
  const cache = (caches as unknown as { default: Cache }).default;
  const hit = await cache.match(key);
  if (hit) return new Response(hit.body, { headers: { 'content-type': 'application/json' } });
  const variables = JSON.parse(url.searchParams.get('variables') ?? '{}') as Vars;
  const body = JSON.stringify({ data: await province(contextOf(env), variables) });
  ctx.waitUntil(
    cache.put(
      key,
      new Response(body, {
        headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
      }),
    ),
  );
  return new Response(body, { headers: { 'content-type': 'application/json' } });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/cached') return cached(request, env, ctx);
    const name = url.pathname.startsWith('/op/') ? url.pathname.slice(4) : '';
    const operation = OPERATIONS[name];
    if (!operation) return json({ error: `no operation ${name}` }, 404);
    const vars = (request.method === 'POST' ? await request.json() : {}) as Vars;
    const context = contextOf(env);
    const data = await operation(context, vars);
    const { queries, rowsRead } = context.db.stats;
    return json({ data, cost: { d1Queries: queries, d1RowsRead: rowsRead } });
  },
} satisfies ExportedHandler<Env>;
