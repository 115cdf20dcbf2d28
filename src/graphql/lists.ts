/**
 * Nodes and lists: node types over data-layer entities, their slug queries, connections built from
 * data-layer pages, and nested lists batched across every parent in a page.
 */
import { brandWithType } from '@pothos/core';
import type DataLoader from 'dataloader';
import { type GraphQLResolveInfo, type GraphQLSchema, isObjectType } from 'graphql';
import type { ParentLink } from '../db/child-pages';
import type { Entity } from '../db/entity';
import {
  checkListQuery,
  childListPages,
  type ListQuery,
  type ListSpec,
  listPage,
} from '../db/lists';
import {
  MAX_WALK,
  type Page,
  type PageArgs,
  TOTAL_COUNT_CAP,
  WALK_PER_ROW,
} from '../db/pagination';
import { encodeGlobalId } from '../lib/global-id';
import { builder } from './builder';
import { type Context, loadBatched, loaderFor } from './context';
import { loadReferences } from './references';
import { fieldSelections, perFieldNodes } from './selections';

const COUNT_FIELDS = new Set(['totalCount', 'totalCountIsExact']);

/** Whether the connection being resolved asks for its count, so the count query runs only then. */
export const wantsTotal = perFieldNodes((info): boolean =>
  fieldSelections(info).some((field) => COUNT_FIELDS.has(field.name.value)),
);

/** The field's position in the query with list indexes dropped: every parent of a list shares it. */
function pathKey(info: GraphQLResolveInfo): string {
  const parts: (string | number)[] = [];
  for (let path: GraphQLResolveInfo['path'] | undefined = info.path; path; path = path.prev) {
    if (typeof path.key === 'string') parts.push(path.key);
  }
  return parts.reverse().join('.');
}

/**
 * One edge of a connection: its cursor is encoded only when a client reads it. A class, not an
 * object literal with a getter: a literal's getter is a new closure for every row, and objects
 * whose accessors differ cannot share a hidden class in V8 (each gets its own, or a dictionary),
 * so every read of `edge.node` (relay's `nodes`, the executor) met hundreds of shapes a request.
 * All edges share one shape and one getter.
 */
class Edge<Row> {
  constructor(
    readonly node: Row,
    private readonly page: Page<Row>,
  ) {}

  get cursor(): string {
    return this.page.cursorOf(this.node);
  }
}

/** A connection's page info; its cursors, like an edge's, encoded only when read. */
class PageInfo<Row> {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;

  constructor(private readonly page: Page<Row>) {
    this.hasNextPage = page.hasNextPage;
    this.hasPreviousPage = page.hasPreviousPage;
  }

  // a walk that stopped short of a full page goes on from the last row it checked
  get startCursor(): string | null {
    return this.cursorAt(true, 0);
  }

  get endCursor(): string | null {
    return this.cursorAt(false, this.page.rows.length - 1);
  }

  private cursorAt(backward: boolean, index: number): string | null {
    const { walkStop, rows } = this.page;
    if (walkStop && walkStop.backward === backward) return walkStop.cursor;
    const row = rows[index];
    return row === undefined ? null : this.page.cursorOf(row);
  }
}

/**
 * A Relay connection of a data-layer page. Its `nodes` are the page's rows as they are; its edges
 * are made on the first read of `edges` (a query that selects only `nodes`, `pageInfo` or the
 * count makes none), and each edge's cursor only when read.
 */
class Connection<Row> {
  readonly totalCount: number | undefined;
  readonly totalCountExact: boolean | undefined;
  readonly pageInfo: PageInfo<Row>;
  private made: Edge<Row>[] | undefined;

  constructor(private readonly page: Page<Row>) {
    this.totalCount = page.totalCount;
    this.totalCountExact = page.totalCountExact;
    this.pageInfo = new PageInfo(page);
  }

  get nodes(): readonly Row[] {
    return this.page.rows;
  }

  get edges(): Edge<Row>[] {
    this.made ??= this.page.rows.map((node) => new Edge(node, this.page));
    return this.made;
  }
}

/** A Relay connection of a data-layer page: edges and cursors made only when a client reads them. */
export function toConnection<Row>(page: Page<Row>): Connection<Row> {
  return new Connection(page);
}

/**
 * Per loader, the parents known to have an index led by them (a country, province or county
 * region): their pages take that index, so they are not priced for a bounded sort or the order's
 * walk (src/db/child-pages.ts).
 */
const parentsWithIndex = new WeakMap<object, Set<number>>();

/**
 * The loader that pages every parent at one place in the query in one batch, per request, keyed
 * by the field's nodes: the executor hands the same nodes to every parent of a list at one place.
 */
const childListLoaders = new WeakMap<Context, Map<GraphQLResolveInfo['fieldNodes'], unknown>>();

/**
 * Resolves a nested connection (e.g. each project's claims) for all parents at the same place in
 * the query with one batched load, so the number of D1 queries does not grow with the page size.
 * The list query is built, checked and keyed once for that place, not once per parent.
 */
function childListLoader<Row, Filter>(
  ctx: Context,
  spec: ListSpec<Row, Filter>,
  args: PageArgs & { filter?: Filter | null; orderBy?: ListQuery<Filter>['orderBy'] },
  info: GraphQLResolveInfo,
  load: (
    query: ListQuery<Filter>,
    parentIds: readonly number[],
    mayLackIndex: readonly number[],
  ) => Promise<Page<Row>[]>,
): DataLoader<number, Page<Row>> {
  let loaders = childListLoaders.get(ctx);
  if (!loaders) {
    loaders = new Map();
    childListLoaders.set(ctx, loaders);
  }
  let loader = loaders.get(info.fieldNodes) as DataLoader<number, Page<Row>> | undefined;
  if (!loader) {
    const query = listQuery(ctx, args, info);
    // a bad cursor or order is refused here, before the batch, naming the argument
    checkListQuery(spec, query);
    const key = `child:${pathKey(info)}|${JSON.stringify(args)}|${query.withTotal}`;
    const indexed = new Set<number>();
    loader = loaderFor<number, Page<Row>>(ctx, key, async (ids) => {
      const pages = await load(
        query,
        ids,
        ids.filter((id) => !indexed.has(id)),
      );
      // every parent's page at this place in one load of what their nodes reference
      await loadReferences(
        ctx,
        info,
        pages.flatMap((page) => page.rows as object[]),
      );
      return pages;
    });
    parentsWithIndex.set(loader, indexed);
    loaders.set(info.fieldNodes, loader);
  }
  return loader;
}

/** Paging, filter and order arguments as a data-layer list query. */
function listQuery<Filter>(
  ctx: Context,
  args: PageArgs & { filter?: Filter | null; orderBy?: ListQuery<Filter>['orderBy'] },
  info: GraphQLResolveInfo,
): ListQuery<Filter> {
  const { filter, orderBy, ...page } = args;
  return { filter, orderBy, lang: ctx.lang, page, withTotal: wantsTotal(info) };
}

/** One page of a top-level list, as a connection. */
export async function resolveList<Row extends object, Filter>(
  ctx: Context,
  spec: ListSpec<Row, Filter>,
  args: PageArgs & { filter?: Filter | null; orderBy?: ListQuery<Filter>['orderBy'] },
  info: GraphQLResolveInfo,
) {
  const page = await listPage(ctx.db, spec, listQuery(ctx, args, info));
  await loadReferences(ctx, info, page.rows);
  return toConnection(page);
}

/** One parent's page of a nested list, loaded with every other parent's in one batch. */
export async function resolveChildList<Row extends object, Filter>(
  ctx: Context,
  spec: ListSpec<Row, Filter>,
  args: PageArgs & { filter?: Filter | null; orderBy?: ListQuery<Filter>['orderBy'] },
  info: GraphQLResolveInfo,
  parent: ParentLink,
  parentId: number,
  extra?: { where: string[]; params: (string | number | null)[] },
  /** true when the parent is known to have an index led by it (a country, province or county) */
  hasIndex = false,
) {
  const loader = childListLoader(ctx, spec, args, info, (query, ids, mayLackIndex) =>
    childListPages(ctx.db, spec, query, parent, ids, extra, mayLackIndex),
  );
  if (hasIndex) parentsWithIndex.get(loader)?.add(parentId);
  const page = await loader.load(parentId);
  return toConnection(page);
}

/**
 * Adds a connection `field` to `parent`: the rows of `list` whose `column` holds the parent's id
 * (a region's children, a region's plans), batched across every parent in the page.
 */
export function addChildList<Row extends object, Filter>(
  // biome-ignore lint/suspicious/noExplicitAny: the ref of any node type with a numeric id
  parent: any,
  field: string,
  spec: {
    connection: ConnectionRef;
    list: ListSpec<Row, Filter>;
    column: string;
    description: string;
  },
) {
  builder.objectField(parent, field, (t) =>
    t.field({
      type: spec.connection,
      description: spec.description,
      args: { ...t.arg.connectionArgs() },
      resolve: (row: { id: number }, args, ctx, info) =>
        resolveChildList(ctx, spec.list, args, info, spec.column, row.id),
    }),
  );
}

/** Parses the local part of a global ID back to the integer key. */
export function parseLocalId(id: string): number {
  return Number.parseInt(id, 10);
}

/** The node types `entityNode` made, by name. */
const entityNodes = new Set<string>();

/**
 * A node type over a data-layer entity, loaded in request batches, with its `field(slug:)` query.
 * Rows that do not exist load as null, which Pothos passes on as null to nullable fields and to
 * `node(id)`; the cast keeps null out of the type's shape.
 */
export function entityNode<Row extends { id: number; slug: string }>(
  name: string,
  entity: Entity<Row>,
  /** what one is, for the slug query's description: `A region` */
  what: string,
) {
  entityNodes.add(name);
  const ref = builder.loadableNodeRef<Row, number>(name, {
    id: { resolve: (row) => row.id, parse: parseLocalId },
    load: (ids: number[], ctx: Context) => entity.byIds(ctx.db, ids) as Promise<Row[]>,
  });
  builder.queryField(name[0]?.toLowerCase() + name.slice(1), (t) =>
    t.field({
      type: ref,
      nullable: true,
      description: `${what} by slug; null when there is none.`,
      args: { slug: t.arg.string({ required: true }) },
      // `as never`: Row is generic here, so Pothos cannot resolve the loadable ref's shape
      resolve: (_root, { slug }, ctx) =>
        loadBatched(ctx, `slug:${name}`, entity.bySlugs, slug) as never,
    }),
  );
  return ref;
}

/** The connection types `connectionType` made, by name. */
const connectionTypes = new Set<string>();

/** `field` of the built schema's object type `typeName`; throws when there is none. */
function builtField(schema: GraphQLSchema, typeName: string, field: string) {
  const type = schema.getType(typeName);
  const found = isObjectType(type) ? type.getFields()[field] : undefined;
  if (!found) throw new Error(`${typeName} has no ${field} field`);
  return found;
}

/**
 * The built schema with two kinds of field resolved by their plain function, where a Pothos
 * plugin wraps it for nothing, once for every row of every page. Called once, on the schema
 * `src/graphql/index.ts` serves.
 * - Each entity node's `id`: the relay plugin resolves every global ID through an async function,
 *   so every node a query asks the `id` of became a promise in the executor (and so its object,
 *   its list and its page). It is the row's `id`, encoded as the plugin encodes it
 *   (`relay.encodeGlobalID` in builder.ts): the same string, at once.
 * - Each connection's `nodes`: its type is a loadable node type, so the dataloader plugin mapped
 *   the page's rows into a new list, row by row, to load any that were ids. They are rows, always
 *   (the list query loaded them): the page's own list, as it is.
 */
export function plainResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const name of entityNodes) {
    builtField(schema, name, 'id').resolve = (row: { id: number }) =>
      encodeGlobalId(name, String(row.id));
  }
  for (const name of connectionTypes) {
    builtField(schema, name, 'nodes').resolve = (page: Connection<unknown>) => page.nodes;
  }
  return schema;
}

/**
 * What a top-level list of projects or plants says of its bounded walks (src/db/pagination.ts,
 * `ListWalk`), after its own description.
 */
export const WALKED_PAGES = `A filter the order cannot seek (a status, a sector, a flag, a range on a field other than the order's) is read by walking the list in its order, at most ${WALK_PER_ROW} items for each item asked for and ${MAX_WALK} in all: a page may then hold fewer items than asked for, even none, with \`hasNextPage\` true and \`endCursor\` where the walk stopped. Go on from there: across pages every matching item comes exactly once.`;

/**
 * What a nested list under many parents says of its bounded pages (src/db/child-pages.ts), after
 * its own description.
 */
export const NESTED_PAGES = `Each parent's page reads within a bound. A parent whose items an index holds in this order (a country, province or county; a parent's items by ID) reads them there, walking as the top-level list does when a filter leaves items to check. Any other parent has its items sorted when they number at most ${WALK_PER_ROW} for each item asked for (${MAX_WALK} at most), and otherwise the whole list is walked in its order as far as that, each item checked for its parent: a page may then hold fewer items than asked for, even none, with \`hasNextPage\` true and \`endCursor\` where the walk stopped. Go on from there: across pages every matching item comes exactly once.`;

/** A connection type over `node` with `totalCount`, filled by the list query when it is asked for. */
export function connectionType(
  // biome-ignore lint/suspicious/noExplicitAny: any loadable node ref; Pothos infers the rest
  node: any,
  name: string,
) {
  const connection = builder.connectionObject({ type: node, name });
  connectionTypes.add(name);
  builder.objectField(connection, 'nodes', (t) =>
    t.field({
      type: [node],
      description: 'The items of this page, without their cursors (a shortcut for edges.node).',
      // the page's rows, not its edges' nodes: no edge is made for a query that reads none (the
      // served schema's resolver is this one unwrapped: plainResolvers)
      resolve: (page) => (page as unknown as Connection<unknown>).nodes as never,
    }),
  );
  builder.objectField(connection, 'totalCount', (t) =>
    t.int({
      description: `The number of items in the whole list, across all pages, counted up to ${TOTAL_COUNT_CAP}, and, for a filter the list's order cannot seek (see the list field), among the first ${MAX_WALK} items in that order (in a nested list with a filter, among the parent's first ${WALK_PER_ROW} items for each item asked for): when \`totalCountIsExact\` is false, at least this many match (use the totals queries for exact large counts).`,
      resolve: (page) => (page as { totalCount?: number }).totalCount ?? 0,
    }),
  );
  builder.objectField(connection, 'totalCountIsExact', (t) =>
    t.boolean({
      description: `True when \`totalCount\` is the exact number of items; false when it is a lower bound: counting stopped at ${TOTAL_COUNT_CAP} items, or at the ${MAX_WALK}th item checked.`,
      resolve: (page) => (page as { totalCountExact?: boolean }).totalCountExact ?? true,
    }),
  );
  return connection;
}

export type ConnectionRef = ReturnType<typeof connectionType>;

/**
 * Loads a row through a node type's request loader and brands it with that type, so a union or
 * interface field returning it knows which type it is.
 */
export async function loadBranded<Row extends object>(
  // biome-ignore lint/suspicious/noExplicitAny: any loadable node ref
  ref: any,
  ctx: Context,
  id: number,
): Promise<Row | null> {
  const row = (await ref.getDataloader(ctx).load(id)) as Row | null;
  if (row) brandWithType(row, ref);
  return row;
}
