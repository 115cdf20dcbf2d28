/** Orderings of a list: the SQL columns it sorts by, nulls last, ties broken by id. */

/** One ordering of a list: its public name and the SQL columns it sorts by, ending with a unique one. */
export interface Ordering {
  name: string;
  columns: OrderColumn[];
}

export interface OrderColumn {
  sql: string;
  /** the row field holding the column's value */
  key: string;
  desc?: boolean;
  /** computes the value from the row when it is not a row field */
  value?: (row: Record<string, unknown>) => string | number | null;
}

/**
 * The keyset ordering of a list for an `orderBy` input: ID, NAME (in the request's language) or
 * one of the list's nullable columns, ties broken by id. Its name goes into
 * cursors, so a cursor cannot be used with another ordering.
 */
export interface OrderInput {
  field: string;
  direction?: string | null;
  lang?: 'fa' | 'en' | null;
}

/** A sortable nullable column of a list, by its order field (`PROGRESS`, …). */
export interface SortColumn {
  sql: string;
  /** the row field holding the column's value */
  key: string;
  /** the filter field whose range, when given, leaves no nulls in the column */
  range?: string;
}

export function buildOrdering(
  alias: string,
  columns: Readonly<Record<string, SortColumn>>,
  order: OrderInput | null | undefined,
  lang: 'fa' | 'en',
  filter?: object | null,
): Ordering {
  const desc = order?.direction === 'desc';
  const suffix = desc ? 'DESC' : 'ASC';
  const id = { sql: `${alias}.id`, key: 'id', desc };
  if (!order || order.field === 'ID') return { name: `ID_${suffix}`, columns: [id] };
  if (order.field === 'NAME') {
    const language = order.lang ?? lang;
    const name = {
      sql: `${alias}.name_${language}`,
      key: language === 'en' ? 'nameEn' : 'nameFa',
      desc,
    };
    return { name: `NAME_${language.toUpperCase()}_${suffix}`, columns: [name, id] };
  }
  const { sql, key, range } = columns[order.field] as SortColumn;
  if (range && bounded((filter as Record<string, object | null> | null)?.[range])) {
    // no null group to keep last: the order is the index's own, which SQLite can seek and walk
    return { name: `${order.field}_${suffix}`, columns: [{ sql, key, desc }, id] };
  }
  return { name: `${order.field}_${suffix}`, columns: [...nullsLast(sql, key, desc), id] };
}

/**
 * A nullable sort column, nulls last in either direction: a 0/1 "is null" column first, then the
 * value. An index on `(col IS NULL, col, id)` serves it.
 */
export function nullsLast(sql: string, key: string, desc = false): OrderColumn[] {
  return [
    { sql: `(${sql} IS NULL)`, key: `${key}IsNull`, value: (row) => (row[key] == null ? 1 : 0) },
    { sql, key, desc },
  ];
}

/** Whether a range or date-range filter sets at least one bound (so it excludes nulls). */
export function bounded(range: object | null | undefined): boolean {
  return range != null && Object.values(range).some((value) => value != null);
}
