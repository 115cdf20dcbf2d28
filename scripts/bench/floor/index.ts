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
 * The answer holds what Ostan's answer holds and nothing more: each row is projected to the
 * fields the operation selects, under the same names and in the same nesting (dates as
 * `{ iso, jalali }`, global IDs, enum names), and a cursor is encoded only where the operation
 * selects one (`endCursor`, `edges { cursor }`). scripts/bench/bench.mjs compares the shape of
 * both answers (every key path) and refuses to report an operation where they differ.
 *
 * Routes: POST /op/<name> with the operation's variables as a JSON body; GET /cached?... (the
 * persisted-GET URL Ostan gets) for the edge-cache floor.
 */
import {
  CLAIM_SUBJECT,
  type Claim,
  type ClaimFilter,
  claimList,
  latestClaimsForTargets,
} from '../../../src/db/claims';
import { Db } from '../../../src/db/client';
import type { EnergyAssetFilter } from '../../../src/db/energy-assets';
import { ENTITIES } from '../../../src/db/entities';
import type { EntityKind } from '../../../src/db/entity';
import { indicators } from '../../../src/db/indicators';
import { childListPages, idOrderedList, type ListQuery, listPage } from '../../../src/db/lists';
import type { OrderInput } from '../../../src/db/ordering';
import type { Page } from '../../../src/db/pagination';
import { type Plan, type PlanTarget, plans, targetsOfPlans } from '../../../src/db/plans';
import { type Project, type ProjectFilter, projectList } from '../../../src/db/projects';
import { type Region, type RegionFilter, regionList, regions } from '../../../src/db/regions';
import { searchRows } from '../../../src/db/search';
import { sectors } from '../../../src/db/sectors';
import { sources } from '../../../src/db/sources';
import { energyTotals as energyTotalRows } from '../../../src/db/totals';
import type { EnergyDimension } from '../../../src/db/totals-statement';
import { TYPENAMES } from '../../../src/graphql/typenames';
import { currentDataVersion } from '../../../src/http/data-version';
import { readCacheKey } from '../../../src/http/edge-cache';
import { persistedHashOf } from '../../../src/http/persisted';
import { RequestSession } from '../../../src/http/session';
import { encodeGlobalId } from '../../../src/lib/global-id';
import { formatJalali, toJalali } from '../../../src/lib/jalali';
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

const gid = (kind: string, id: number) => encodeGlobalId(TYPENAMES[kind as EntityKind] ?? kind, id);
const day = (iso: string | null) =>
  iso === null ? null : { iso, jalali: formatJalali(toJalali(iso)) };
const enumName = (code: string | null) => (code === null ? null : code.toUpperCase());
/** `name` in the request's language (the bench sends no Accept-Language: Persian). */
const nameOf = (row: { nameFa: string; nameEn: string }) =>
  LANG === 'fa' ? row.nameFa : row.nameEn;
const byId = <Row extends { id: number }>(rows: readonly (Row | null)[]) =>
  new Map(rows.filter((row): row is Row => row !== null).map((row) => [row.id, row]));

function progressOf(target: PlanTarget, claim: Claim | null) {
  if (!claim) return null;
  return computeProgress(target, {
    value: claim.normalisedValue,
    valueMax: claim.normalisedValueMax,
    qualifier: claim.qualifier,
  });
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
      CLAIM_SUBJECT,
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
  const indicatorById = byId(indicatorRows);
  const sourceById = byId(sourceRows);
  const latestOf = new Map(targets.map((t, i) => [t.id, latest[i] ?? null]));
  const indicator = (id: number) => {
    const row = indicatorById.get(id);
    return row ? { slug: row.slug, name: nameOf(row), unit: row.unit } : null;
  };
  const regionNode = (r: Region) => ({
    id: gid('region', r.id),
    slug: r.slug,
    kind: enumName(r.kind),
    name: nameOf(r),
  });
  return {
    region: {
      ...regionNode(region),
      children: { totalCount: children.totalCount, nodes: children.rows.map(regionNode) },
      plans: {
        totalCount: planPage.totalCount,
        nodes: planPage.rows.map((plan, i) => ({
          id: gid('plan', plan.id),
          slug: plan.slug,
          name: nameOf(plan),
          status: enumName(plan.status),
          targets: (targetLists[i] ?? []).map((t) => {
            const progress = progressOf(t, latestOf.get(t.id) ?? null);
            return {
              id: gid('plan_target', t.id),
              slug: t.slug,
              comparator: enumName(t.comparator),
              targetValue: t.targetValue,
              targetKind: enumName(t.targetKind),
              baselineValue: t.baselineValue,
              deadlineOn: day(t.deadlineOn),
              indicator: indicator(t.indicatorId),
              progress: progress && {
                achieved: progress.achieved,
                ratio: progress.ratio,
                gap: progress.gap,
                met: progress.met,
              },
            };
          }),
        })),
      },
      claims: {
        totalCount: claimPage.totalCount,
        nodes: claimRows.map((c) => {
          const source = sourceById.get(c.sourceId);
          return {
            id: gid('claim', c.id),
            slug: c.slug,
            value: c.value,
            valueMax: c.valueMax,
            unit: c.unit,
            qualifier: enumName(c.qualifier),
            measure: enumName(c.measure),
            periodText: c.periodText,
            asOf: day(c.asOf),
            indicator: indicator(c.indicatorId),
            source: source
              ? { slug: source.slug, publisher: source.publisher, url: source.url }
              : null,
          };
        }),
      },
    },
  };
}

/**
 * projects(filter, orderBy, first, after) with region and sector: FilteredProjects (totalCount,
 * pageInfo { hasNextPage endCursor }, nodes) or ProjectsByName (pageInfo, edges { cursor node
 * { … nameEn } }), as `vars.edges` says.
 */
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
  const regionById = byId(regionRows);
  const sectorById = byId(sectorRows);
  const edges = vars.edges === true;
  const node = (p: Project) => {
    const region = regionById.get(p.regionId);
    const sector = p.sectorId === null ? undefined : sectorById.get(p.sectorId);
    return {
      id: gid('project', p.id),
      slug: p.slug,
      name: nameOf(p),
      status: enumName(p.status),
      progressPercent: p.progressPct,
      directJobs: p.directJobs,
      investment:
        p.investmentAmount !== null && p.investmentUnit !== null
          ? { amount: p.investmentAmount, unit: enumName(p.investmentUnit), rial: p.investmentRial }
          : null,
      startedOn: day(p.startedOn),
      ...(edges && { nameEn: p.nameEn }),
      region: region ? { slug: region.slug, name: nameOf(region) } : null,
      sector: sector ? { slug: sector.slug, name: nameOf(sector) } : null,
    };
  };
  const last = rows[rows.length - 1];
  const pageInfo = {
    hasNextPage: page.hasNextPage,
    endCursor: last ? page.cursorOf(last) : null,
  };
  if (edges) {
    return {
      projects: {
        pageInfo,
        edges: rows.map((p) => ({ cursor: page.cursorOf(p), node: node(p) })),
      },
    };
  }
  return { projects: { totalCount: page.totalCount, pageInfo, nodes: rows.map(node) } };
}

/** energyTotals(filter: { region }, groupBy: [TECHNOLOGY, STATUS]): src/db/totals.ts's energyTotals. */
async function energyTotals(db: Db, vars: Vars) {
  const rows = await energyTotalRows(
    db,
    vars.filter as EnergyAssetFilter | undefined,
    (vars.groupBy ?? []) as EnergyDimension[],
  );
  return {
    energyTotals: rows.map((row) => {
      const capacity = row.stats.capacityMw;
      return {
        technology: enumName(row.keys.technology as string | null),
        status: enumName(row.keys.status as string | null),
        rating: enumName(row.keys.rating as string | null),
        count: row.count,
        capacityMw: capacity
          ? { count: capacity.count, sum: capacity.sum, min: capacity.min, max: capacity.max }
          : null,
      };
    }),
  };
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
  const progress = targets.map((target, i) => progressOf(target, latest[i] ?? null));
  const judged = latest.filter((claim, i) => claim !== null && progress[i] != null);
  const sourceRows = await sources.byIds(db, uniq(judged.map((c) => c?.sourceId)));
  const indicatorById = byId(indicatorRows);
  const regionById = byId(regionRows);
  const sourceById = byId(sourceRows);
  return {
    plan: {
      id: gid('plan', plan.id),
      slug: plan.slug,
      name: nameOf(plan),
      status: enumName(plan.status),
      startsOn: day(plan.startsOn),
      endsOn: day(plan.endsOn),
      targets: targets.map((t, i) => {
        const indicator = indicatorById.get(t.indicatorId);
        const region = regionById.get(t.regionId);
        const p = progress[i];
        const claim = latest[i];
        const source = claim ? sourceById.get(claim.sourceId) : undefined;
        return {
          id: gid('plan_target', t.id),
          slug: t.slug,
          comparator: enumName(t.comparator),
          targetValue: t.targetValue,
          targetKind: enumName(t.targetKind),
          baselineValue: t.baselineValue,
          baselineOn: day(t.baselineOn),
          deadlineOn: day(t.deadlineOn),
          indicator: indicator
            ? { slug: indicator.slug, name: nameOf(indicator), unit: indicator.unit }
            : null,
          region: region ? { slug: region.slug, name: nameOf(region) } : null,
          progress: p
            ? {
                achieved: p.achieved,
                ratio: p.ratio,
                gap: p.gap,
                met: p.met,
                basedOn: claim
                  ? {
                      slug: claim.slug,
                      value: claim.value,
                      unit: claim.unit,
                      asOf: day(claim.asOf),
                      source: source
                        ? { slug: source.slug, publisher: source.publisher, url: source.url }
                        : null,
                    }
                  : null,
              }
            : null,
        };
      }),
    },
  };
}

/** Each kind's fields in the Search document's inline fragments. */
function searchNode(kind: string, row: Record<string, unknown>) {
  const name = () => (LANG === 'fa' ? row.nameFa : row.nameEn);
  const base = {
    __typename: TYPENAMES[kind as EntityKind],
    id: gid(kind, row.id as number),
    slug: row.slug,
  };
  switch (kind) {
    case 'region':
      return { ...base, name: name(), kind: enumName(row.kind as string) };
    case 'project':
      return { ...base, name: name(), projectStatus: enumName(row.status as string) };
    case 'energy_asset':
      return {
        ...base,
        name: name(),
        technology: enumName(row.technology as string),
        capacityMw: row.capacityMw,
        rating: enumName(row.rating as string),
      };
    case 'indicator':
      return { ...base, name: name(), unit: row.unit };
    case 'source':
      return { ...base, publisher: row.publisher };
    case 'claim':
      return {
        ...base,
        value: row.value,
        claimUnit: row.unit,
        preferred: row.preferred === 1,
      };
    default:
      return { ...base, name: name() };
  }
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
  const byKind = new Map(
    kinds.map((kind, i) => [kind, byId((loaded[i] ?? []) as { id: number }[])]),
  );
  return {
    search: rows.map((row) => {
      const node = byKind.get(row.kind)?.get(row.id);
      return {
        kind: enumName(row.kind),
        rank: row.rank,
        node: node ? searchNode(row.kind, node as Record<string, unknown>) : null,
      };
    }),
  };
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
  const childRows = children.flatMap((page) => page.rows);
  // src/graphql/subtree.ts: Region.projects counts every project in the region's subtree
  const projectPages = await childListPages<Project, ProjectFilter>(
    db,
    projectList,
    query({ first: n('projects', 5) }, false),
    { tree: 'regions', column: 'p.region_id' },
    childRows.map((r) => r.id),
    undefined,
    // as src/graphql/subtree.ts: a country, province or county parent has an index led by it
    childRows
      .filter((r) => !['country', 'province', 'county'].includes(String(r.kind)))
      .map((r) => r.id),
  );
  const projectRows = projectPages.flatMap((page) => page.rows);
  const claimPages = await childListPages<Claim, ClaimFilter>(
    db,
    claimList,
    query<ClaimFilter>({ first: n('claims', 3) }, false, null),
    CLAIM_SUBJECT,
    projectRows.map((p) => p.id),
    { where: ['c.subject_kind = ?'], params: ['project'] },
  );
  const sourceRows = await sources.byIds(
    db,
    uniq(claimPages.flatMap((page) => page.rows.map((c) => c.sourceId))),
  );
  const sourceById = byId(sourceRows);
  // the pages come back in the order of their parents
  let child = 0;
  let project = 0;
  const claimNodes = () =>
    (claimPages[project++]?.rows ?? []).map((c) => {
      const source = sourceById.get(c.sourceId);
      return {
        slug: c.slug,
        value: c.value,
        unit: c.unit,
        source: source ? { slug: source.slug, publisher: source.publisher } : null,
      };
    });
  const projectNodes = (page: Page<Project> | undefined) =>
    (page?.rows ?? []).map((p) => ({
      slug: p.slug,
      name: nameOf(p),
      status: enumName(p.status),
      claims: { nodes: claimNodes() },
    }));
  return {
    regions: {
      nodes: top.rows.map((r, i) => ({
        slug: r.slug,
        name: nameOf(r),
        children: {
          nodes: (children[i]?.rows ?? []).map((c) => ({
            slug: c.slug,
            name: nameOf(c),
            projects: { nodes: projectNodes(projectPages[child++]) },
          })),
        },
      })),
    },
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
