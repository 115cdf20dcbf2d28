/** GET /exports/<entity>.<format>: the list filters as query parameters, streamed page by page. */
import { GraphQLError } from 'graphql';
import type { Context as HonoContext } from 'hono';
import { createContext } from '../context';
import { fetchPage, type Ordering } from '../db/pagination';
import { dataStatus, versionOf } from '../db/status';
import { claimConditions } from '../graphql/claim';
import { energyAssetConditions } from '../graphql/energy-asset';
import { projectConditions } from '../graphql/project';
import { DATA_LICENSE, DATASET_NAME } from '../lib/dataset';
import { CLAIMS, ENERGY_ASSETS, type ExportEntity, PROJECTS, type Row } from './columns';
import { type ExportMeta, FORMATS } from './formats';
import { ExportRequestError, type FILTER_PARAMS, readExportParams } from './params';

const ENTITIES = {
  projects: { columns: PROJECTS, alias: 'p', conditions: projectConditions },
  'energy-assets': { columns: ENERGY_ASSETS, alias: 'e', conditions: energyAssetConditions },
  claims: { columns: CLAIMS, alias: 'c', conditions: claimConditions },
} as const;

type Entity = keyof typeof ENTITIES;

/** Rows per D1 query: large enough that a 10,000-row export takes ten queries. */
const PAGE = 1000;

function badRequest(message: string) {
  return new Response(JSON.stringify({ error: message }), {
    status: 400,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

export async function handleExport(
  c: HonoContext<{ Bindings: CloudflareBindings }>,
): Promise<Response> {
  const file = c.req.param('file') ?? '';
  const match = /^([a-z-]+)\.([a-z0-9]+)$/.exec(file);
  const entity = match?.[1] as Entity | undefined;
  if (!match || !entity || !(entity in ENTITIES)) {
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

  const ctx = await createContext(c.req.raw, c.env);
  const url = new URL(c.req.url);
  let filter: Record<string, unknown>;
  let limit: number;
  let conditions: Awaited<ReturnType<typeof projectConditions>>;
  try {
    ({ filter, limit } = readExportParams(entity as keyof typeof FILTER_PARAMS, url.searchParams));
    conditions = await ENTITIES[entity].conditions(ctx, filter as never);
  } catch (error) {
    if (error instanceof ExportRequestError || error instanceof GraphQLError)
      return badRequest(error.message);
    throw error;
  }

  const status = await dataStatus(ctx.db);
  const meta: ExportMeta = {
    dataset: DATASET_NAME,
    version: versionOf(status),
    generatedAt: new Date().toISOString(),
    license: DATA_LICENSE,
    url: url.toString(),
  };
  const etag = `"${meta.version}-${await digest(url.pathname + url.search)}"`;
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
  if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });

  const { columns, alias } = ENTITIES[entity];
  const writer = writerOf();
  const ordering: Ordering = { name: 'ID_ASC', columns: [{ sql: `${alias}.id`, key: 'id' }] };
  const body = streamRows(ctx.db, columns, ordering, conditions, limit, writer, meta);
  return new Response(body, { headers });
}

function streamRows(
  db: Awaited<ReturnType<typeof createContext>>['db'],
  columns: ExportEntity,
  ordering: Ordering,
  conditions: { where: string[]; params: (string | number | null)[] },
  limit: number,
  writer: ReturnType<(typeof FORMATS)[string][string]>,
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
        {
          select: columns.select,
          from: columns.from,
          where: conditions.where,
          params: conditions.params,
        },
        ordering,
        { first: Math.min(PAGE, limit - written), after },
        false,
        PAGE,
      );
      let chunk = '';
      for (const edge of page.edges) {
        chunk += writer.record(columns.record(edge.node), written === 0);
        written += 1;
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage || written >= limit) {
        done = true;
        controller.enqueue(encoder.encode(writer.end(meta)));
        controller.close();
      }
    },
  });
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)),
  );
  return Array.from(bytes.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}
