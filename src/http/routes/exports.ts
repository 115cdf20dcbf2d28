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
import { fetchPage, type ListSource, type Page, pageRows, walkLimit } from '../../db/pagination';
import { projectList } from '../../db/projects';
import { type CountedEntity, rowsAtMost, tableRows } from '../../db/row-counts';
import { dataVersion, versionOf } from '../../db/status';
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
  const { columns, list } = ENTITIES[entity];
  let limit: number;
  let region: string | undefined;
  let conditions: Awaited<ReturnType<ListSpec<object, object>['conditions']>>;
  try {
    const params = readExportParams(entity, url.searchParams);
    limit = params.limit;
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
  let priced: number;
  try {
    priced = await checkPrice(db, entity, source, ordering, limit, region);
    pages = exportPages(db, columns, source, ordering, limit);
    if (whenEmpty) {
      // a format that cannot hold an empty list: the first rows (past any walk that found none)
      // before the response starts, or the refusal
      let next = await pages.next();
      while (!next.done && next.value.length === 0) next = await pages.next();
      if (next.done) return refuse({ status: 404, code: 'NO_MATCHING_ROWS', message: whenEmpty });
      first = next.value;
    }
  } catch (error) {
    if (error instanceof RowsLimitError) {
      return refuse({ status: 400, code: 'ROWS_LIMIT_EXCEEDED', message: error.message });
    }
    throw error;
  }
  const body = streamRows(pages, first, columns, writerOf(), meta);
  // what the export was priced at before reading (it reads no more: test/http/export-pricing.test.ts)
  return new Response(body, { headers: { ...headers, 'x-ostan-rows-priced': String(priced) } });
});

/**
 * Refuses, before anything is read, an export that would take the request past its rows ceiling,
 * saying how far to lower `limit`. Its price: the pages `limit` takes, each as `fetchPage` prices
 * it, with their lookups (no more pages than the rows its index covers, when the index holds the
 * filter); a walked export at most its walk over every row its index's seek covers (each entry
 * and its row, and again where a short page's walk stopped), when that is less. A
 * walked export whose pages come back short reads on, each statement priced as it runs: past the
 * ceiling its body stops unfinished (src/db/client.ts refuses the next statement), never reading
 * more.
 */
async function checkPrice(
  db: Db,
  entity: Entity,
  source: ListSource,
  ordering: Ordering,
  limit: number,
  region: string | undefined,
): Promise<number> {
  const { columns, table, counted } = ENTITIES[entity];
  const held = await tableRows(db, [...lookupTables(columns), table]);
  // every page after the first seeks past a cursor
  const after = { o: ordering.name, k: [0] };
  const window = (size: number) => ({ limit: size, backward: false, after, before: null });
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
  // an index that holds the filter reads only rows that match, no more than it covers
  // (and one statement, whatever it finds)
  let price = pages(source.walk ? limit : Math.max(1, Math.min(limit, covered)));
  if (source.walk) {
    // statements: one per walk's worth of entries, and one per full page; each beyond its walk
    // reads its cursor's seeks and its checks' own rows (a page's price less its walks)
    const statements = Math.ceil(covered / walkLimit(PAGE)) + Math.ceil(limit / PAGE);
    const walked =
      3 * covered +
      statements * (pageRows(source, ordering, window(0)) - 3 * walkLimit(0)) +
      lookupRows(columns, Math.min(limit, covered), held);
    price = Math.min(price, walked);
  }
  const spent = Math.max(db.stats.rowsRead, db.rowsEstimated);
  // the largest limit whose pages alone fit (a lower limit is sure to be served): pages() grows
  // with the rows, so a binary search
  let fits = 0;
  for (let high = limit; fits < high; ) {
    const middle = Math.ceil((fits + high) / 2);
    if (spent + pages(middle) <= db.rowsLimit) fits = middle;
    else high = middle - 1;
  }
  db.check({
    rows: price,
    argument: 'limit',
    narrow:
      fits > 0
        ? `lower \`limit\` to at most ${fits}, or narrow the filter; partners (an API key) may read more.`
        : 'narrow the filter (a region, a status); partners (an API key) may read more.',
  });
  return price;
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
): AsyncGenerator<Row[], void> {
  let after: string | null = null;
  for (let left = limit; left > 0; ) {
    const page: Page<Row> = await fetchPage<Row>(
      db,
      source,
      ordering,
      { first: Math.min(PAGE, left), after },
      false,
      PAGE,
    );
    await lookUp(db, columns, page.rows);
    left -= page.rows.length;
    yield page.rows;
    const last = page.rows.at(-1);
    after = page.walkStop?.cursor ?? (last ? page.cursorOf(last) : null);
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
