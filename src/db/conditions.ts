/** WHERE conditions of the list filters and their bound values, refusing bad values by argument. */
import { InputError } from '../lib/errors';
import { jalaliPeriod } from '../lib/jalali';
import { ROWS_PER_KEY } from './bound-keys';
import type { Db, SqlValue } from './client';
import type { Ordering } from './ordering';
import { type ListWalk, TOTAL_COUNT_CAP } from './pagination';
import { type RegionWithLevels, regionWithLevels } from './regions';
import { subtreeRows } from './row-counts';

export interface NumberRange {
  min?: number | null;
  max?: number | null;
}

export interface DateRange {
  from?: string | null;
  to?: string | null;
  jalaliYear?: number | null;
  jalaliMonth?: number | null;
}

/** The longest slug a filter may name. */
const MAX_SLUG = 200;

/** Refuses a slug longer than any a filter may name. */
function checkLength(argument: string, slug: string) {
  if (slug.length > MAX_SLUG) throw new InputError(argument, `\`${argument}\` is too long.`);
}

function unknownSlug(argument: string, slug: string) {
  return new InputError(argument, `No ${argument} has the slug ${JSON.stringify(slug)}.`);
}

/**
 * The region a filter names, looked up once with its levels (for a caller that needs them besides
 * the conditions, such as the totals): null when it names none; a bad slug is refused by name.
 */
export async function filterRegion(
  db: Db,
  slug: string | null | undefined,
): Promise<RegionWithLevels | null> {
  if (slug == null) return null;
  checkLength('region', slug);
  const region = await regionWithLevels(db, slug);
  if (!region) throw unknownSlug('region', slug);
  return region;
}

/** SQL (and its one bound value) for "`column` is `rootId` or any region/sector below it". */
export function inSubtree(column: string, tree: 'regions' | 'sectors', rootId: number) {
  return {
    sql: `${column} IN (WITH RECURSIVE d(id) AS (SELECT ? UNION ALL SELECT x.id FROM ${tree} x JOIN d ON x.parent_id = d.id) SELECT id FROM d)`,
    params: [rootId],
  };
}

/** The filter fields projects and plants share: where, when started and opened, synthetic or not. */
export interface SitedFilter {
  region?: string | null;
  sector?: string | null;
  startedOn?: DateRange | null;
  openedOn?: DateRange | null;
  synthetic?: boolean | null;
}

/**
 * One condition and its bound values. `seek` names what an index walk of a list in its order can
 * seek on: `region` for the region's ancestor column, or the column a range bounds.
 */
interface Condition {
  sql: string;
  params: SqlValue[];
  seek?: string;
  /** the one column the condition bounds (a list of values, a flag, a range, the region's column) */
  column?: string;
  /** how many values a list of values names (each a seek of an index holding the column) */
  values?: number;
}

/** Indexes led by a region column and continuing with `columns` (`Conditions.countedBy`). */
interface CountIndexes {
  table: string;
  /** the index for each region column, by that column (as the region's condition names it) */
  byRegion: Readonly<Record<string, string>>;
  columns: readonly string[];
}

export class Conditions {
  private readonly parts: Condition[] = [];
  /**
   * Set by `walks` (and `sited`): the list's table has, for each of its orders, an index led by
   * nothing (and, sited, by `province_id` and by `county_id`: migrations 0008, 0019, 0020), so
   * `walk` can split.
   */
  private walkable = false;
  /** Set by `countedBy`: indexes in which a count can seek every condition. */
  private countIndexes: CountIndexes | null = null;
  /**
   * Rows the subqueries of the conditions (a list of values, a subtree) read each time a statement
   * evaluates them: once per statement, as they do not depend on the row.
   */
  checkRows = 0;

  /** every condition, in order, and their bound values */
  readonly where: string[] = [];
  readonly params: SqlValue[] = [];

  add(sql: string, ...params: SqlValue[]) {
    return this.push({ sql, params });
  }

  /**
   * These conditions are of a list whose table has, for each of its orders, an index led by it
   * (and, for sited tables, by `province_id` and `county_id`), so `walk` can split them.
   */
  walks() {
    this.walkable = true;
    return this;
  }

  /**
   * An equality on a column with an index (column, id): in id order, a walk can seek on it (one
   * such condition; the others are checked).
   */
  key(sql: string, ...params: SqlValue[]) {
    return this.push({ sql, params, seek: 'key' });
  }

  /**
   * The list's `table` has, for each region column, an index `byRegion[column]` led by it and
   * continuing with `columns` (projects: migration 0015). A filter on a province or county and on
   * a prefix of those columns is counted in that index, where every entry the count seeks matches,
   * so the count reads the entries it counts (capped) instead of walking the order's index and
   * looking each row up.
   */
  countedBy(table: string, byRegion: Readonly<Record<string, string>>, columns: readonly string[]) {
    this.countIndexes = { table, byRegion, columns };
    return this;
  }

  /** A condition an index walk can seek on (`Condition.seek`), bounding `column`. */
  private seek(on: string, sql: string, column: string, ...params: SqlValue[]) {
    return this.push({ sql, params, seek: on, column });
  }

  private push(part: Condition) {
    this.parts.push(part);
    this.where.push(part.sql);
    this.params.push(...part.params);
    return this;
  }

  /**
   * These conditions split for a bounded walk of a page in `ordering` (`ListWalk`): what the
   * ordering's index can seek on (the region's ancestor column, a range on the order's first
   * column) and the rest, which the walk checks row by row. Null when nothing is left to check
   * (the index holds every condition, so a page reads its LIMIT) or the list's table lacks the
   * region order indexes.
   */
  walk(ordering: Ordering): ListWalk | null {
    if (!this.walkable) return null;
    const first = ordering.columns[0]?.sql;
    const seek: Condition[] = [];
    const check: Condition[] = [];
    // in id order, one key's index (column, id) is the order's index sought on the key; not
    // with a region, which seeks its own index (both sought, one would be checked unbounded)
    let key = ordering.columns.length === 1 && !this.parts.some((part) => part.seek === 'region');
    for (const part of this.parts) {
      const keyed = key && part.seek === 'key';
      if (keyed) key = false;
      (part.seek === 'region' || keyed || (part.seek && part.seek === first) ? seek : check).push(
        part,
      );
    }
    if (check.length === 0) return null;
    return { ...this.split(seek, check), counted: this.counted() };
  }

  /**
   * Where a count of these conditions seeks only entries that match (`countedBy`): the region's
   * index when every other condition bounds one of the columns that follow the region in it, and
   * those columns are the first ones (a later column without an earlier would scan between
   * them). What the count reads: the capped count, and for each value of a list (and each range)
   * the entry past its end.
   */
  private counted(): ListWalk['counted'] {
    const by = this.countIndexes;
    const region = this.parts.find((part) => part.seek === 'region');
    const index = by && region?.column !== undefined ? by.byRegion[region.column] : undefined;
    if (!by || index === undefined) return undefined;
    const columns = new Set<string>();
    let seeks = 1;
    for (const part of this.parts) {
      if (part === region) continue;
      if (part.column === undefined) return undefined;
      columns.add(part.column);
      seeks *= part.values ?? 1;
    }
    const prefix = by.columns.slice(0, columns.size);
    if (![...columns].every((column) => prefix.includes(column))) return undefined;
    return {
      from: `${by.table} INDEXED BY ${index}`,
      rows: TOTAL_COUNT_CAP + 1 + seeks + this.checkRows,
    };
  }

  /**
   * These conditions split for the walks of a nested page in `ordering` (src/db/child-pages.ts):
   * a range on the order's first column seeks, in the parent's index as in the order's own;
   * everything else, a region among them (the parent, not the filter, leads the index), is
   * checked row by row.
   */
  nested(ordering: Ordering): ListWalk {
    const first = ordering.columns[0]?.sql;
    const seek = this.parts.filter((part) => part.seek !== undefined && part.seek === first);
    const check = this.parts.filter((part) => !seek.includes(part));
    return this.split(seek, check);
  }

  private split(seek: readonly Condition[], check: readonly Condition[]): ListWalk {
    return {
      seek: seek.map((part) => part.sql),
      seekParams: seek.flatMap((part) => part.params),
      check: check.map((part) => part.sql),
      checkParams: check.flatMap((part) => part.params),
      checkRows: this.checkRows,
    };
  }

  /**
   * `column` is one of `values`. `keyed`: the table has an index (column, id), so one value is a
   * key (`key`) a walk in id order can seek on.
   */
  oneOf(column: string, values: readonly string[] | null | undefined, { keyed = false } = {}) {
    const [only] = values ?? [];
    if (keyed && values?.length === 1 && only !== undefined) {
      return this.push({ sql: `${column} = ?`, params: [only], seek: 'key', column, values: 1 });
    }
    if (values && values.length > 0) {
      this.push({
        sql: `${column} IN (SELECT value FROM json_each(?))`,
        params: [JSON.stringify(values)],
        column,
        values: values.length,
      });
      this.checkRows += values.length;
    }
    return this;
  }

  /** `column` is `value` (0 or 1); `keyed` as for `oneOf`. */
  flag(column: string, value: boolean | null | undefined, { keyed = false } = {}) {
    if (value == null) return this;
    return this.push({
      sql: `${column} = ?`,
      params: [value ? 1 : 0],
      column,
      ...(keyed && { seek: 'key' }),
    });
  }

  range(
    column: string,
    argument: string,
    range: NumberRange | null | undefined,
    bounds: { min?: number; max?: number } = {},
  ) {
    if (!range) return this;
    const { min, max } = range;
    for (const [end, value] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (value == null) continue;
      if (!Number.isFinite(value)) {
        throw new InputError(argument, `\`${argument}.${end}\` must be a finite number.`);
      }
      if (
        (bounds.min !== undefined && value < bounds.min) ||
        (bounds.max !== undefined && value > bounds.max)
      ) {
        throw new InputError(
          argument,
          `\`${argument}.${end}\` must be between ${bounds.min ?? '-∞'} and ${bounds.max ?? '∞'}; got ${value}.`,
        );
      }
    }
    if (min != null && max != null && min > max) {
      throw new InputError(
        argument,
        `\`${argument}.min\` (${min}) is greater than \`${argument}.max\` (${max}).`,
      );
    }
    return this.between(column, min, max);
  }

  dates(column: string, argument: string, range: DateRange | null | undefined) {
    if (!range) return this;
    const { from, to, jalaliYear, jalaliMonth } = range;
    if (jalaliYear != null || jalaliMonth != null) {
      if (from != null || to != null) {
        throw new InputError(
          argument,
          `Give \`${argument}\` either as from/to or as jalaliYear/jalaliMonth, not both.`,
        );
      }
      if (jalaliYear == null || jalaliYear < 1280 || jalaliYear > 1480) {
        throw new InputError(
          argument,
          `\`${argument}.jalaliYear\` must be a Jalali year between 1280 and 1480.`,
        );
      }
      if (jalaliMonth != null && (jalaliMonth < 1 || jalaliMonth > 12)) {
        throw new InputError(
          argument,
          `\`${argument}.jalaliMonth\` must be between 1 and 12; got ${jalaliMonth}.`,
        );
      }
      const period = jalaliPeriod(jalaliYear, jalaliMonth);
      return this.between(column, period.from, period.to);
    }
    if (from != null && to != null && from > to) {
      throw new InputError(
        argument,
        `\`${argument}.from\` (${from}) is after \`${argument}.to\` (${to}).`,
      );
    }
    return this.between(column, from, to);
  }

  /** `low <= column <= high`, either end open; nothing when both are. */
  private between(column: string, low: SqlValue | undefined, high: SqlValue | undefined) {
    if (low == null && high == null) return this;
    // matches the (col IS NULL, col, id) indexes, so the range seeks instead of scanning
    this.seek(column, `(${column} IS NULL) = 0`, column);
    if (low != null) this.seek(column, `${column} >= ?`, column, low);
    if (high != null) this.seek(column, `${column} <= ?`, column, high);
    return this;
  }

  /**
   * The conditions of a `SitedFilter` on a projects or plants table, aliased `alias`; `region`,
   * when given, is `filter.region` already looked up (`filterRegion`).
   */
  async sited(db: Db, alias: string, filter: SitedFilter, region?: RegionWithLevels | null) {
    this.walks();
    await this.trees(db, alias, filter, region);
    return this.dates(`${alias}.started_on`, 'startedOn', filter.startedOn)
      .dates(`${alias}.opened_on`, 'openedOn', filter.openedOn)
      .flag(`${alias}.synthetic`, filter.synthetic, { keyed: true });
  }

  /**
   * Region and sector slugs as subtree conditions on `alias`'s region_id and sector_id, naming an
   * unknown slug. A province or county is one equality on the maintained ancestor column
   * (migration 0008), which can walk a sort index. A region below a county is its subtree, within
   * its county (or, outside any county, its province): the ancestor column seeks, the subtree is
   * checked row by row (its recursive walk priced in `checkRows`). `region`, when given, is
   * `filter.region` already looked up.
   */
  async trees(
    db: Db,
    alias: string,
    filter: { region?: string | null; sector?: string | null },
    region?: RegionWithLevels | null,
  ): Promise<this> {
    if (filter.region != null) {
      const row = region ?? (await filterRegion(db, filter.region));
      // the country: every row
      if (row && row.parentId !== null) {
        if (row.kind === 'province' || row.kind === 'county') {
          this.seek('region', `${alias}.${row.kind}_id = ?`, `${alias}.${row.kind}_id`, row.id);
        } else {
          if (row.countyId !== null) {
            this.seek('region', `${alias}.county_id = ?`, `${alias}.county_id`, row.countyId);
          } else if (row.provinceId !== null) {
            this.seek('region', `${alias}.province_id = ?`, `${alias}.province_id`, row.provinceId);
          }
          const condition = inSubtree(`${alias}.region_id`, 'regions', row.id);
          this.add(condition.sql, ...condition.params);
          this.checkRows += await subtreeRows(db, 'regions');
        }
      }
    }
    const slug = filter.sector;
    if (slug != null) {
      checkLength('sector', slug);
      const row = await db.first<{ id: number; sectors: number }>(
        `SELECT s.id, (SELECT n FROM table_counts WHERE name = 'sectors') AS sectors
         FROM sectors s WHERE s.slug = ?`,
        [slug],
        // the sector by its unique slug; the sectors' count by key
        { rows: 2 * ROWS_PER_KEY },
      );
      if (!row) throw unknownSlug('sector', slug);
      const condition = inSubtree(`${alias}.sector_id`, 'sectors', row.id);
      this.add(condition.sql, ...condition.params);
      // its recursive walk of the sectors: an entry and a row per sector at most
      this.checkRows += 2 * Number(row.sectors) + 1;
    }
    return this;
  }

  /** An entity named by slug in a filter, as `column = id`; unknown slugs are refused by name. */
  async slug(
    db: Db,
    argument: string,
    column: string,
    slug: string | null | undefined,
    lookup: (db: Db, slugs: string[]) => Promise<({ id: number } | null)[]>,
  ): Promise<this> {
    if (slug == null) return this;
    checkLength(argument, slug);
    const [row] = await lookup(db, [slug]);
    if (!row) throw unknownSlug(argument, slug);
    return this.key(`${column} = ?`, row.id);
  }
}
