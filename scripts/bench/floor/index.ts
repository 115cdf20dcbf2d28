/**
 * The benchmark floor: for each benchmark operation, the same D1 statements Ostan runs for it,
 * answered as plain JSON with no GraphQL (no parse, validate, resolvers or result shaping).
 *
 * The SQL is literally Ostan's: the floor calls the data layer (src/db/*) exactly as the GraphQL
 * layer does. Lists go through `listPage` / `childListPages` with the same list specs
 * (`projectList`, `claimList`, `regionList`, `idOrderedList(regions | plans)`), i.e. the same
 * condition and ordering builders (`projectConditions`, `projectOrdering(order, lang, filter)`,
 * `claimConditions`, …) and `fetchPage` / `fetchChildPages`; nodes by `byIds` / `bySlugs`; and
 * `targetsOfPlans`, `latestClaimsForTargets`, `searchRows`, `energyTotals`. Where Ostan's
 * DataLoaders run several statements, the floor runs the same statements in the same rounds (one
 * per loader and tick), through the same per-request D1 session (src/http/session.ts) and the same
 * counting handle (src/db/client.ts), so `cost` can be compared with Ostan's `extensions.cost`.
 *
 * Nothing from src/graphql is imported: the floor's bundle has no GraphQL at all.
 *
 * Pages are serialised as before the layer restructure (every row with its cursor, and
 * hasNextPage / hasPreviousPage / startCursor / endCursor), built from the data layer's Page
 * (`rows`, `hasNextPage`, `cursorOf`), so the floor's own work per request is unchanged.
 *
 * Routes: POST /op/<name> with the operation's variables as a JSON body; GET /cached?... (the
 * persisted-GET URL Ostan gets) for the edge-cache floor.
 */
import {
  type Claim,
  type ClaimFilter,
  claimList,
  latestClaimsForTargets,
} from '../../../src/db/claims';
import { Db } from '../../../src/db/client';
import type { EnergyAssetFilter } from '../../../src/db/energy-assets';
import { ENTITIES } from '../../../src/db/entities';
import { indicators } from '../../../src/db/indicators';
import { childListPages, idOrderedList, type ListQuery, listPage } from '../../../src/db/lists';
import type { OrderInput } from '../../../src/db/ordering';
import type { Page } from '../../../src/db/pagination';
import { type Plan, plans, targetsOfPlans } from '../../../src/db/plans';
import { type Project, type ProjectFilter, projectList } from '../../../src/db/projects';
import { type Region, type RegionFilter, regionList, regions } from '../../../src/db/regions';
import { searchRows } from '../../../src/db/search';
import { sectors } from '../../../src/db/sectors';
import { sources } from '../../../src/db/sources';
import { type EnergyDimension, energyTotals as energyTotalRows } from '../../../src/db/totals';
import { currentDataVersion } from '../../../src/http/data-version';
import { readCacheKey } from '../../../src/http/edge-cache';
import { persistedHashOf } from '../../../src/http/persisted';
import { RequestSession } from '../../../src/http/session';
import { computeProgress } from '../../../src/lib/progress';

export { DataVersion } from '../../../src/http/data-version';

interface Env {
  DB: D1Database;
  DATA_VERSION: DurableObjectNamespace;
}

type Vars = Record<string, unknown>;

/** Ostan's language without Accept-Language (the bench sends none). */
const LANG = 'fa' as const;

/** The lists Ostan's GraphQL layer builds privately (src/graphql/region.ts, plan.ts). */
const regionChildren = idOrderedList(regions);
const planList = idOrderedList(plans);

const uniq = <T>(values: (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v != null)),
];

/** A list query as src/graphql/lists.ts builds it from connection arguments. */
function query<Filter>(
  page: ListQuery<Filter>['page'],
  withTotal: boolean,
  filter?: Filter | null,
  orderBy?: OrderInput | null,
): ListQuery<Filter> {
  return { filter, orderBy, lang: LANG, page, withTotal };
}

/** A page as JSON, as the floor wrote it before the restructure: every row's cursor, and pageInfo. */
function pageJson<Row>(page: Page<Row>) {
  const edges = page.rows.map((node) => ({ node, cursor: page.cursorOf(node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}

function dbOf(env: Env): Db {
  // the same D1 handle Ostan's init middleware (src/http/init.ts) builds when D1_SESSIONS is on:
  // one session per request
  return new Db(new RequestSession(env.DB, null));
}

/** region(slug) { children(first: 50) plans(first: 10) { targets { indicator progress } } claims(preferredOnly, AS_OF desc, first: 20) { indicator source } } */
async function province(db: Db, vars: Vars) {
  const [region] = await regions.bySlugs(db, [String(vars.slug)]);
  if (!region) return { region: null };
  const ids = [region.id];
  // src/graphql/claim.ts's addClaimsField: the filter (subject decoded), then the subject kind
  const claimFilter: ClaimFilter = { preferredOnly: true, subject: null };
  // round 1: the three connections; round 2: targets and the claims' sources; round 3: the
  // indicators of targets and claims in one load, and the claims that judge the targets
  const [[children], [planPage], [claimPage]] = await Promise.all([
    childListPages<Region, never>(
      db,
      regionChildren,
      query({ first: 50 }, true),
      'r.parent_id',
      ids,
    ),
    childListPages<Plan, never>(db, planList, query({ first: 10 }, true), 'pl.region_id', ids),
    childListPages<Claim, ClaimFilter>(
      db,
      claimList,
      query({ first: 20 }, true, claimFilter, { field: 'AS_OF', direction: 'desc' }),
      'c.subject_id',
      ids,
      { where: ['c.subject_kind = ?'], params: ['region'] },
    ),
  ]);
  if (!children || !planPage || !claimPage) throw new Error('province: a page is missing');
  const claimRows = claimPage.rows;
  const planIds = planPage.rows.map((p) => p.id);
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
    children: pageJson(children),
    plans: { page: pageJson(planPage), targets, latest },
    claims: { rows: claimRows, indicatorRows, sourceRows },
  };
}

/** projects(filter: { region, status, progressPercent }, orderBy: PROGRESS desc, first: 20) { totalCount nodes { region sector } } */
async function projectPage(db: Db, vars: Vars) {
  const page = await listPage<Project, ProjectFilter>(
    db,
    projectList,
    query(
      { first: vars.first as number, after: (vars.after as string | undefined) ?? null },
      vars.withTotal === true,
      vars.filter as ProjectFilter | undefined,
      vars.orderBy as OrderInput | undefined,
    ),
  );
  const rows = page.rows;
  const [regionRows, sectorRows] = await Promise.all([
    regions.byIds(db, uniq(rows.map((p) => p.regionId))),
    vars.withSector === false ? [] : sectors.byIds(db, uniq(rows.map((p) => p.sectorId))),
  ]);
  return { page: pageJson(page), regionRows, sectorRows };
}

/** energyTotals(filter: { region }, groupBy: [TECHNOLOGY, STATUS]): src/db/totals.ts's energyTotals. */
async function energyTotals(db: Db, vars: Vars) {
  return energyTotalRows(
    db,
    vars.filter as EnergyAssetFilter | undefined,
    (vars.groupBy ?? []) as EnergyDimension[],
  );
}

/** plan(slug) { targets { indicator region progress { basedOn { source } } } } */
async function planTargetsWithProgress(db: Db, vars: Vars) {
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

/** search(text, first: 20) { kind rank node { … } }: the hits, then one load per kind. */
async function search(db: Db, vars: Vars) {
  const rows = await searchRows(db, String(vars.text), Number(vars.first ?? 20));
  const kinds = uniq(rows.map((row) => row.kind));
  const loaded = await Promise.all(
    kinds.map((kind) =>
      ENTITIES[kind].byIds(db, uniq(rows.filter((row) => row.kind === kind).map((row) => row.id))),
    ),
  );
  return { rows, loaded };
}

/** regions(kind: PROVINCE, first: 5) → children(first: 5) → projects(first: 5) → claims(first: 3) → source */
async function deep(db: Db, vars: Vars) {
  const n = (key: string, fallback: number) => Number(vars[key] ?? fallback);
  const top = await listPage<Region, RegionFilter>(
    db,
    regionList,
    query({ first: n('regions', 5) }, false, { kind: 'province', rootsOnly: null }),
  );
  const topIds = top.rows.map((r) => r.id);
  const children = await childListPages<Region, never>(
    db,
    regionChildren,
    query({ first: n('children', 5) }, false),
    'r.parent_id',
    topIds,
  );
  const childIds = children.flatMap((page) => page.rows.map((r) => r.id));
  // src/graphql/subtree.ts: Region.projects counts every project in the region's subtree
  const projectPages = await childListPages<Project, ProjectFilter>(
    db,
    projectList,
    query({ first: n('projects', 5) }, false),
    { tree: 'regions', column: 'p.region_id' },
    childIds,
  );
  const projectIds = projectPages.flatMap((page) => page.rows.map((p) => p.id));
  const claimPages = await childListPages<Claim, ClaimFilter>(
    db,
    claimList,
    query<ClaimFilter>({ first: n('claims', 3) }, false, null),
    'c.subject_id',
    projectIds,
    { where: ['c.subject_kind = ?'], params: ['project'] },
  );
  const sourceRows = await sources.byIds(
    db,
    uniq(claimPages.flatMap((page) => page.rows.map((c) => c.sourceId))),
  );
  return {
    top: pageJson(top),
    children: children.map(pageJson),
    projectPages: projectPages.map(pageJson),
    claimPages: claimPages.map(pageJson),
    sourceRows,
  };
}

const OPERATIONS: Record<string, (db: Db, vars: Vars) => Promise<unknown>> = {
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

/** The edge-cache floor: the same key (src/http/edge-cache.ts) and data version (one DO call), then the hit. */
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
  const body = JSON.stringify({ data: await province(dbOf(env), variables) });
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
    const db = dbOf(env);
    const data = await operation(db, vars);
    const { queries, rowsRead } = db.stats;
    return json({ data, cost: { d1Queries: queries, d1RowsRead: rowsRead } });
  },
} satisfies ExportedHandler<Env>;
