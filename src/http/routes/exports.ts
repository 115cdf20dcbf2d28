/** GET /exports/<entity>.<format>: the list filters as query parameters, streamed page by page. */
import { Hono } from 'hono';
import { claimList } from '../../db/claims';
import type { Db } from '../../db/client';
import { energyAssetList } from '../../db/energy-assets';
import { CLAIMS, ENERGY_ASSETS, type ExportEntity, PROJECTS, type Row } from '../../db/exports';
import type { ListSpec } from '../../db/lists';
import type { Ordering } from '../../db/ordering';
import { fetchPage } from '../../db/pagination';
import { projectList } from '../../db/projects';
import { dataVersion, versionOf } from '../../db/status';
import { DATA_LICENSE, DATASET_NAME } from '../../lib/dataset';
import { InputError } from '../../lib/errors';
import { sha256Hex } from '../../lib/hash';
import { matchesEtag } from '../edge-cache';
import type { AppEnv } from '../env';
import { refuse } from '../errors';
import { type ExportMeta, FORMATS, type Writer } from '../export-formats';
import { ExportRequestError, type FILTER_PARAMS, readExportParams } from '../export-params';

// the filter read from the URL has the list's filter shape: FILTER_PARAMS mirrors each filter
const ENTITIES: Record<
  keyof typeof FILTER_PARAMS,
  { columns: ExportEntity; list: ListSpec<object, object> }
> = {
  projects: { columns: PROJECTS, list: projectList },
  'energy-assets': { columns: ENERGY_ASSETS, list: energyAssetList },
  claims: { columns: CLAIMS, list: claimList },
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
  let conditions: { where: string[]; params: (string | number | null)[] };
  try {
    const params = readExportParams(entity, url.searchParams);
    limit = params.limit;
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
  const { whenEmpty } = writerOf();
  if (whenEmpty) {
    const source = { select: columns.select, from: columns.from, ...conditions };
    const probe = await fetchPage<Row>(db, source, ordering, { first: 1 }, false, 1);
    if (probe.rows.length === 0) {
      return refuse({ status: 404, code: 'NO_MATCHING_ROWS', message: whenEmpty });
    }
  }
  const body = streamRows(db, columns, ordering, conditions, limit, writerOf(), meta);
  return new Response(body, { headers });
});

function streamRows(
  db: Db,
  columns: ExportEntity,
  ordering: Ordering,
  conditions: { where: string[]; params: (string | number | null)[] },
  limit: number,
  writer: Writer,
  meta: ExportMeta,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: string | null = null;
  let written = 0;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(writer.start(meta, Object.keys(columns.record({})))));
      }
      if (done) return;
      const page = await fetchPage<Row>(
        db,
        { select: columns.select, from: columns.from, ...conditions },
        ordering,
        { first: Math.min(PAGE, limit - written), after },
        false,
        PAGE,
      );
      let chunk = '';
      for (const row of page.rows) {
        chunk += writer.record(columns.record(row), written === 0);
        written += 1;
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      const last = page.rows.at(-1);
      after = last ? page.cursorOf(last) : null;
      if (!page.hasNextPage || written >= limit) {
        done = true;
        controller.enqueue(encoder.encode(writer.end(meta)));
        controller.close();
      }
    },
  });
}
