/** WHERE conditions of the list filters and their bound values, refusing bad values by argument. */
import { InputError } from '../lib/errors';
import { jalaliPeriod } from '../lib/jalali';
import type { Db, SqlValue } from './client';
import { type RegionWithLevels, regions, regionWithLevels } from './regions';
import { type CountedEntity, subtreeSortRows } from './row-counts';
import { sectors } from './sectors';

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

export class Conditions {
  readonly where: string[] = [];
  readonly params: SqlValue[] = [];
  /**
   * Rows a page under these conditions may read besides its LIMIT: a region below county level
   * sorts its subtree's rows (`subtreeSortRows`). Pages add it to their price (`ListSource`).
   */
  sortRows = 0;

  add(sql: string, ...params: SqlValue[]) {
    this.where.push(sql);
    this.params.push(...params);
    return this;
  }

  oneOf(column: string, values: readonly string[] | null | undefined) {
    if (values && values.length > 0) {
      this.add(`${column} IN (SELECT value FROM json_each(?))`, JSON.stringify(values));
    }
    return this;
  }

  flag(column: string, value: boolean | null | undefined) {
    if (value != null) this.add(`${column} = ?`, value ? 1 : 0);
    return this;
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
    this.add(`(${column} IS NULL) = 0`);
    if (low != null) this.add(`${column} >= ?`, low);
    if (high != null) this.add(`${column} <= ?`, high);
    return this;
  }

  /**
   * The conditions of a `SitedFilter` on `entity`'s table, aliased `alias`; `region`, when given,
   * is `filter.region` already looked up (`filterRegion`).
   */
  async sited(
    db: Db,
    entity: CountedEntity,
    alias: string,
    filter: SitedFilter,
    region?: RegionWithLevels | null,
  ) {
    await this.trees(db, entity, alias, filter, region);
    return this.dates(`${alias}.started_on`, 'startedOn', filter.startedOn)
      .dates(`${alias}.opened_on`, 'openedOn', filter.openedOn)
      .flag(`${alias}.synthetic`, filter.synthetic);
  }

  /**
   * Region and sector slugs as subtree conditions on `alias`'s region_id and sector_id, naming an
   * unknown slug. A province or county is one equality on the maintained ancestor column
   * (migration 0008), which can walk a sort index; a region below a county is its subtree, whose
   * rows a page sorts (priced in `sortRows`). `region`, when given, is `filter.region` already
   * looked up.
   */
  async trees(
    db: Db,
    entity: CountedEntity,
    alias: string,
    filter: { region?: string | null; sector?: string | null },
    region?: RegionWithLevels | null,
  ): Promise<this> {
    for (const argument of ['region', 'sector'] as const) {
      const slug = filter[argument];
      if (slug == null) continue;
      checkLength(argument, slug);
      const lookup = argument === 'region' ? regions.bySlugs : sectors.bySlugs;
      const [row] = argument === 'region' && region ? [region] : await lookup(db, [slug]);
      if (!row) throw unknownSlug(argument, slug);
      if (argument === 'region' && row.parentId === null) continue; // the country: every row
      if ('kind' in row && (row.kind === 'province' || row.kind === 'county')) {
        this.add(`${alias}.${row.kind}_id = ?`, row.id);
        continue;
      }
      const condition = inSubtree(`${alias}.${argument}_id`, `${argument}s`, row.id);
      this.add(condition.sql, ...condition.params);
      if (argument === 'region') this.sortRows += await subtreeSortRows(db, entity, [row.id]);
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
    return this.add(`${column} = ?`, row.id);
  }
}
