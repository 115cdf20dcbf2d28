/** GET /exports/<entity>.<format>: the list filters as query parameters, streamed page by page. */
import { Hono } from 'hono';
import { claimList } from '../../db/claims';
import type { Db } from '../../db/client';
import { filterRegion } from '../../db/conditions';
import { energyAssetList } from '../../db/energy-assets';
import {
  CLAIMS,
  ENERGY_ASSETS,
  type ExportEntity,
  lookUp,
  lookupRows,
  lookupTables,
  PROJECTS,
  type Row,
} from '../../db/exports';
import type { ListSpec } from '../../db/lists';
import type { Ordering } from '../../db/ordering';
import {
  fetchPage,
  type ListSource,
  type Page,
  pageRows,
  walkEntryAt,
  walkLimit,
} from '../../db/pagination';
import { projectList } from '../../db/projects';
import { type CountedEntity, rowsAtMost, tableRows } from '../../db/row-counts';
import { dataVersion, versionOf } from '../../db/status';
import { type CursorPayload, encodeCursor } from '../../lib/cursor';
import { DATA_LICENSE, DATASET_NAME } from '../../lib/dataset';
import { InputError, RowsLimitError } from '../../lib/errors';
import { sha256Hex } from '../../lib/hash';
import { matchesEtag } from '../edge-cache';
import type { AppEnv } from '../env';
import { refuse } from '../errors';
import { type ExportMeta, FORMATS, type Writer } from '../export-formats';
import { ExportRequestError, type FILTER_PARAMS, readExportParams } from '../export-params';

// the filter read from the URL has the list's filter shape: FILTER_PARAMS mirrors each filter
// (`table`: its name in table_counts; `counted`: its rows per region in row_counts, when kept)
const ENTITIES: Record<
  keyof typeof FILTER_PARAMS,
  {
    columns: ExportEntity;
    list: ListSpec<object, object>;
    table: string;
    counted?: CountedEntity;
  }
> = {
  projects: { columns: PROJECTS, list: projectList, table: 'projects', counted: 'project' },
  'energy-assets': {
    columns: ENERGY_ASSETS,
    list: energyAssetList,
    table: 'energy_assets',
    counted: 'energy_asset',
  },
  claims: { columns: CLAIMS, list: claimList, table: 'claims' },
};

type Entity = keyof typeof ENTITIES;

/** Rows per D1 query: large enough that a 10,000-row export takes ten queries. */
const PAGE = 1000;

const badRequest = (message: string) => refuse({ status: 400, code: 'BAD_REQUEST', message });

export const exportRoutes = new Hono<AppEnv>().get('/exports/:file', async (c) => {
  const file = c.req.param('file');
  const match = /^([a-z-]+)\.([a-z0-9]+)$/.exec(file);
  const entity = match?.[1] as Entity | undefined;
  if (!match || !entity || !Object.hasOwn(ENTITIES, entity)) {
    return badRequest(
      `Unknown export "${file.slice(0, 60)}"; use one of ${Object.keys(ENTITIES).join(', ')}.`,
    );
  }
  const format = match[2] as string;
  const writerOf = FORMATS[entity]?.[format];
  if (!writerOf) {
    return badRequest(
      `Unknown format "${format}" for ${entity}; use ${Object.keys(FORMATS[entity] ?? {}).join(', ')}.`,
    );
  }

  const { db } = c.var;
  const url = new URL(c.req.url);
  const { columns, list, table } = ENTITIES[entity];
  let limit: number;
  let region: string | undefined;
  let after: string | null;
  let conditions: Awaited<ReturnType<ListSpec<object, object>['conditions']>>;
  try {
    const params = readExportParams(entity, url.searchParams);
    limit = params.limit;
    after = params.after;
    region = (params.filter as { region?: string }).region;
    conditions = await list.conditions(db, params.filter);
  } catch (error) {
    if (error instanceof ExportRequestError || error instanceof InputError) {
      return badRequest(error.message);
    }
    throw error;
  }

  const status = await dataVersion(db);
  const meta: ExportMeta = {
    dataset: DATASET_NAME,
    version: versionOf(status),
    generatedAt: new Date().toISOString(),
    license: DATA_LICENSE,
    url: url.toString(),
  };
  const etag = `"${meta.version}-${(await sha256Hex(url.pathname + url.search)).slice(0, 16)}"`;
  const headers = {
    'content-type': writerOf().contentType,
    'content-disposition': `attachment; filename="ostan-${entity}-${meta.version}.${writerOf().extension}"`,
    'x-ostan-dataset-version': meta.version,
    'x-ostan-generated-at': meta.generatedAt,
    'x-ostan-license': DATA_LICENSE.id,
    link: `<${DATA_LICENSE.url}>; rel="license"`,
    etag,
    'cache-control': 'public, max-age=60',
  };
  if (matchesEtag(c.req.raw, etag)) return new Response(null, { status: 304, headers });

  const ordering: Ordering = {
    name: 'ID_ASC',
    columns: [{ sql: `${columns.alias}.id`, key: 'id' }],
  };
  const source: ListSource = {
    select: columns.select,
    from: columns.table,
    where: conditions.where,
    params: conditions.params,
    walk: conditions.walk?.(ordering) ?? null,
  };
  const { whenEmpty } = writerOf();
  let pages: AsyncGenerator<Row[], void>;
  let first: Row[] | undefined;
  let plan: ExportPlan;
  try {
    let start: CursorPayload | null = null;
    if (after !== null) {
      const [row] = await db.all<{ id: number }>(
        `SELECT id FROM ${table} WHERE slug = ?`,
        [after],
        { rows: 1, argument: 'after' },
      );
      if (!row) {
        return badRequest(
          `"after": no row of ${entity} has the slug "${after.slice(0, 60)}" (it may have been deleted since the export began: start again without "after").`,
        );
      }
      start = { o: ordering.name, k: [row.id] };
    }
    plan = await planExport(db, entity, source, ordering, limit, region, start);
    if (plan.next !== null) {
      const next = new URL(url);
      next.searchParams.set('after', plan.next);
      headers.link += `, <${next.toString()}>; rel="next"`;
    }
    const from = start === null ? null : encodeCursor(start);
    pages = exportPages(db, columns, source, ordering, limit, from, plan.until);
    if (whenEmpty) {
      // a format that cannot hold an empty list: the first rows (past any walk that found none)
      // before the response starts, or the refusal
      let found = await pages.next();
      while (!found.done && found.value.length === 0) found = await pages.next();
      if (found.done) {
        return refuse({
          status: 404,
          code: 'NO_MATCHING_ROWS',
          message:
            plan.next === null
              ? whenEmpty
              : `${whenEmpty} in this part of the export; it goes on at the Link rel="next".`,
          headers: plan.next === null ? {} : { link: headers.link },
        });
      }
      first = found.value;
    }
  } catch (error) {
    if (error instanceof RowsLimitError) {
      return refuse({ status: 400, code: 'ROWS_LIMIT_EXCEEDED', message: error.message });
    }
    throw error;
  }
  const body = streamRows(pages, first, columns, writerOf(), meta);
  // what the export was priced at before reading (it reads no more: test/http/export-pricing.test.ts)
  return new Response(body, {
    headers: { ...headers, 'x-ostan-rows-priced': String(plan.priced) },
  });
});

/** How an export is served: its price, and for one in parts where this part ends. */
interface ExportPlan {
  /** the most D1 rows the export reads, checked against the ceiling before anything is read */
  priced: number;
  /** the cursor (exclusive) this part's rows stop before; null: the export runs to its end */
  until: string | null;
  /** the slug the next part starts after (its `Link: rel="next"`); null: no part follows */
  next: string | null;
}

/**
 * Prices an export before anything is read and decides how it is served. Its price: the pages
 * `limit` takes, each as `fetchPage` prices it, with their lookups (no more pages than the rows its
 * index covers, when the index holds the filter); a walked export (a filter its index does not
 * hold, whose pages may come back short and read on) its walk over every entry its index's seek
 * covers: each entry and its row, and again where a short page's walk stopped.
 *
 * A price within the request's ceiling is served whole. An unwalked export over it is refused,
 * naming the largest `limit` that fits. A walked one over it is served in parts: this part walks
 * the most entries that fit (never more than `limit`, so `limit` never ends a part early), found by
 * one look at the index, and its response names where the next part starts.
 */
async function planExport(
  db: Db,
  entity: Entity,
  source: ListSource,
  ordering: Ordering,
  limit: number,
  region: string | undefined,
  start: CursorPayload | null,
): Promise<ExportPlan> {
  const { columns, table, counted } = ENTITIES[entity];
  const held = await tableRows(db, [...lookupTables(columns), table]);
  // every page after the first seeks past a cursor, and a part's stops before one
  const cursor = { o: ordering.name, k: [0] };
  const window = (size: number, bounded = false) => ({
    limit: size,
    backward: false,
    after: cursor,
    before: bounded ? cursor : null,
  });
  const pages = (rows: number) => {
    let sum = 0;
    for (let left = rows; left > 0; left -= PAGE) {
      const size = Math.min(PAGE, left);
      sum += pageRows(source, ordering, window(size)) + lookupRows(columns, size, held);
    }
    return sum;
  };
  // the rows the statements' index seek covers: the region's (statistics), else the table's
  const covered: number =
    counted && region !== undefined
      ? await rowsAtMost(db, counted, { region: await filterRegion(db, region) })
      : (held.at(-1) ?? 0);
  const spent = Math.max(db.stats.rowsRead, db.rowsEstimated);
  const fits = (rows: number) => spent + rows <= db.rowsLimit;
  /** the largest n in [0, high] for which fits(price(n)); price grows with n */
  const largest = (high: number, price: (n: number) => number) => {
    let low = 0;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(price(middle))) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const { walk } = source;

  if (!walk) {
    // an index that holds the filter reads only rows that match, no more than it covers
    // (and one statement, whatever it finds)
    const price = pages(Math.max(1, Math.min(limit, covered)));
    const most = largest(limit, pages);
    db.prepay({
      rows: price,
      argument: 'limit',
      narrow:
        most > 0
          ? `lower \`limit\` to at most ${most}, or narrow the filter; partners (an API key) may read more.`
          : 'narrow the filter (a region, a status); partners (an API key) may read more.',
    });
    return { priced: price, until: null, next: null };
  }

  // statements: one per walk's worth of entries, and one per full page; each beyond its walk
  // reads its cursor's seeks and its checks' own rows (a page's price less its walks)
  const walked = (entries: number, bounded: boolean) => {
    const rows = Math.max(1, Math.min(limit, entries));
    const statements = Math.ceil(entries / walkLimit(PAGE)) + Math.ceil(rows / PAGE);
    const overhead = pageRows(source, ordering, window(0, bounded)) - 3 * walkLimit(0);
    // and a full page's next row, read again as the next page's first (2 per full page); each
    // statement's page looks up its own rows' ids
    const full = Math.floor(rows / PAGE);
    const lookups = lookupRows(columns, rows, held, statements);
    return 3 * entries + statements * overhead + 2 * full + lookups;
  };
  const whole = walked(covered, false);
  if (fits(whole)) {
    db.prepay({ rows: whole });
    return { priced: whole, until: null, next: null };
  }

  // in parts: the look at the index (the part's last entry and the next, past the start's seek)
  // and the last entry's slug, then the walk over at most that many entries
  const look = (entries: number) => entries + 1 + ordering.columns.length + 1;
  const part = (entries: number) => look(entries) + walked(entries, true);
  const entries = largest(Math.min(limit, covered), part);
  if (entries === 0) {
    // not one entry fits, so neither did the whole walk (nothing has run since `fits`): this
    // throws, naming what to narrow; a part is never planned with no entries
    db.check({
      rows: whole,
      argument: 'limit',
      narrow: 'narrow the filter (a region); partners (an API key) may read more.',
    });
  }
  const startWindow = { limit: entries, backward: false, after: start, before: null };
  const [last, beyond] = await walkEntryAt(db, source.from, walk, ordering, startWindow, entries, {
    rows: entries + 1 + ordering.columns.length,
    argument: 'limit',
  });
  if (!last || !beyond) {
    db.prepay({ rows: walked(entries, false) });
    return { priced: look(entries) + walked(entries, false), until: null, next: null };
  }
  const [named] = await db.all<{ slug: string }>(
    `SELECT slug FROM ${table} WHERE id = ?`,
    [last.k0 ?? null],
    { rows: 1, argument: 'limit' },
  );
  db.prepay({ rows: walked(entries, true) });
  return {
    priced: part(entries),
    until: encodeCursor({ o: ordering.name, k: [beyond.k0 ?? null] }),
    next: named?.slug ?? null,
  };
}

/**
 * The export's rows, a page at a time with the rows they point to looked up: pages of the list
 * in id order, each walked as a list's page is (a filter its index does not hold is checked over
 * a bounded walk, and a short page goes on from where its walk stopped), until `limit` rows.
 */
async function* exportPages(
  db: Db,
  columns: ExportEntity,
  source: ListSource,
  ordering: Ordering,
  limit: number,
  start: string | null,
  until: string | null,
): AsyncGenerator<Row[], void> {
  let after = start;
  for (let left = limit; left > 0; ) {
    const page: Page<Row> = await fetchPage<Row>(
      db,
      source,
      ordering,
      { first: Math.min(PAGE, left), after, before: until },
      false,
      PAGE,
    );
    await lookUp(db, columns, page.rows);
    left -= page.rows.length;
    yield page.rows;
    const last = page.rows.at(-1);
    // a full walked page read the next matching row to know there is one: the next page starts at
    // it (the ids are integers), so the entries between are not walked twice
    const { following } = page;
    after =
      page.walkStop?.cursor ??
      (source.walk && following
        ? encodeCursor({ o: ordering.name, k: [Number(following.id) - 1] })
        : last
          ? page.cursorOf(last)
          : null);
    if (!page.hasNextPage || after === null) return;
  }
}

function streamRows(
  pages: AsyncGenerator<Row[], void>,
  first: Row[] | undefined,
  columns: ExportEntity,
  writer: Writer,
  meta: ExportMeta,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let written = 0;
  let started = false;
  const write = (rows: Row[]) => {
    let chunk = '';
    for (const row of rows) {
      chunk += writer.record(columns.record(row), written === 0);
      written += 1;
    }
    return encoder.encode(chunk);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(writer.start(meta, Object.keys(columns.record({})))));
        if (first) {
          controller.enqueue(write(first));
          return;
        }
      }
      // a walk that found nothing enqueues nothing: read on until rows or the end
      for (;;) {
        const next = await pages.next();
        if (next.done) {
          controller.enqueue(encoder.encode(writer.end(meta)));
          controller.close();
          return;
        }
        if (next.value.length > 0) {
          controller.enqueue(write(next.value));
          return;
        }
      }
    },
  });
}
