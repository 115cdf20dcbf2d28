/** Lists of an entity: a filter, an ordering and a page, the same for every entity. */

import { fetchChildPages, type ParentLink } from './child-pages';
import type { Db, SqlValue } from './client';
import type { Entity } from './entity';
import { buildOrdering, type OrderInput, type Ordering, type SortColumn } from './ordering';
import {
  fetchPage,
  type ListSource,
  type ListWalk,
  type Page,
  type PageArgs,
  readWindow,
} from './pagination';

/** What a filtered, sorted list of an entity is: its rows, its ordering and its conditions. */
export interface ListSpec<Row, Filter> {
  source(where: string[], params: SqlValue[]): ListSource;
  ordering(
    order: OrderInput | null | undefined,
    lang: 'fa' | 'en',
    filter?: Filter | null,
  ): Ordering;
  conditions(
    db: Db,
    filter: Filter | null | undefined,
  ): Promise<{
    where: string[];
    params: SqlValue[];
    /** the conditions split for a bounded walk in `ordering` (`Conditions.walk`) */
    walk?(ordering: Ordering): ListWalk | null;
    /** the conditions split for the walks of a nested page (`Conditions.nested`) */
    nested?(ordering: Ordering): ListWalk;
  }>;
  /** the row type, for inference only */
  readonly row?: Row;
}

/**
 * The list of an entity sorted by ID, NAME or one of `columns` (`buildOrdering`), filtered by
 * `conditions`.
 */
export function sortedList<Row extends { id: number; slug: string }, Filter extends object>(
  entity: Entity<Row>,
  columns: Readonly<Record<string, SortColumn>>,
  conditions: ListSpec<Row, Filter>['conditions'],
): ListSpec<Row, Filter> {
  return {
    source: entity.list,
    ordering: (order, lang, filter) => buildOrdering(entity.alias, columns, order, lang, filter),
    conditions,
  };
}

/** A list of an entity in id order (no choice of ordering), with optional conditions from a filter. */
export function idOrderedList<Row extends { id: number; slug: string }, Filter = never>(
  entity: Entity<Row>,
  conditions: (filter: Filter | null | undefined) => {
    where: string[];
    params: SqlValue[];
  } = () => ({
    where: [],
    params: [],
  }),
): ListSpec<Row, Filter> {
  return {
    source: entity.list,
    ordering: () => entity.byIdOrdering,
    conditions: async (_db, filter) => conditions(filter),
  };
}

export interface ListQuery<Filter> {
  filter?: Filter | null;
  orderBy?: OrderInput | null;
  lang: 'fa' | 'en';
  page: PageArgs;
  withTotal: boolean;
}

/**
 * Checks a list query's paging arguments and ordering before anything is read, so a bad cursor
 * is refused at once; returns the ordering.
 */
export function checkListQuery<Row, Filter>(
  spec: ListSpec<Row, Filter>,
  query: Omit<ListQuery<Filter>, 'withTotal'>,
): Ordering {
  const ordering = spec.ordering(query.orderBy, query.lang, query.filter);
  readWindow(query.page, ordering);
  return ordering;
}

/** One page of a list. */
export async function listPage<Row extends object, Filter>(
  db: Db,
  spec: ListSpec<Row, Filter>,
  query: ListQuery<Filter>,
): Promise<Page<Row>> {
  const ordering = checkListQuery(spec, query);
  const conditions = await spec.conditions(db, query.filter);
  return fetchPage<Row>(
    db,
    {
      ...spec.source(conditions.where, conditions.params),
      walk: conditions.walk?.(ordering),
    },
    ordering,
    query.page,
    query.withTotal,
  );
}

/** The same page of a list for many parents at once. */
export async function childListPages<Row extends object, Filter>(
  db: Db,
  spec: ListSpec<Row, Filter>,
  query: ListQuery<Filter>,
  parent: ParentLink,
  parentIds: readonly number[],
  /** conditions the parent's index holds besides the parent (a claim's subject kind) */
  held: { where: string[]; params: SqlValue[] } = { where: [], params: [] },
  /** the parents that may lack an index led by them (all, unless the caller knows their kinds) */
  mayLackIndex: readonly number[] = parentIds,
): Promise<Page<Row>[]> {
  const ordering = checkListQuery(spec, query);
  const conditions = await spec.conditions(db, query.filter);
  const filter = conditions.nested?.(ordering) ?? {
    seek: [],
    seekParams: [],
    check: conditions.where,
    checkParams: conditions.params,
    checkRows: 0,
  };
  return fetchChildPages<Row>(
    db,
    spec.source(held.where, held.params),
    parent,
    parentIds,
    ordering,
    query.page,
    query.withTotal,
    { filter, mayLackIndex },
  );
}
