/** Shared GraphQL pieces: the language enum, localised text, dates in both calendars, enums from SQL. */
import { brandWithType } from '@pothos/core';
import { GraphQLError, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { builder } from '../builder';
import { type Context, loaderFor } from '../context';
import type { Page, PageArgs } from '../db/pagination';
import type { Table } from '../db/table';
import {
  formatJalali,
  isoDateProblem,
  JALALI_MONTHS_EN,
  JALALI_MONTHS_FA,
  jalaliPeriod,
  parseIsoDate,
  toJalali,
} from '../lib/jalali';
import { type Lang, pick } from '../lib/lang';

export const LangEnum = builder.enumType('Lang', {
  description: 'A language every human-readable name is available in.',
  values: {
    FA: { value: 'fa', description: 'Persian (the language of the data)' },
    EN: { value: 'en', description: 'English' },
  } as const,
});

/** A GraphQL enum whose values are the SQL values upper-cased: `under_construction` → UNDER_CONSTRUCTION. */
export function sqlEnum<const Value extends string>(
  name: string,
  description: string,
  values: readonly Value[],
  descriptions: Partial<Record<Value, string>> = {},
) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      values.map((value) => [
        value.toUpperCase(),
        { value, ...(descriptions[value] ? { description: descriptions[value] } : {}) },
      ]),
    ) as Record<string, { value: Value }>,
  });
}

export const langArg = () =>
  builder.args((t) => ({
    lang: t.field({
      type: LangEnum,
      required: false,
      description: 'Defaults to the request’s Accept-Language (Persian when absent).',
    }),
  }));

export function localised(
  ctx: Context,
  lang: Lang | null | undefined,
  fa: string,
  en: string,
): string;
export function localised(
  ctx: Context,
  lang: Lang | null | undefined,
  fa: string | null,
  en: string | null,
): string | null;
export function localised(
  ctx: Context,
  lang: Lang | null | undefined,
  fa: string | null,
  en: string | null,
) {
  return pick(lang ?? ctx.lang, fa, en);
}

export interface LocalDateShape {
  iso: string;
}

export const LocalDate = builder.objectRef<LocalDateShape>('LocalDate').implement({
  description:
    'A calendar day, stored in the Gregorian calendar and readable in the Jalali (Solar Hijri) one: 2025-08-23 is 1404-06-01.',
  fields: (t) => ({
    iso: t.exposeString('iso', { description: 'ISO 8601 Gregorian date, YYYY-MM-DD.' }),
    jalali: t.string({
      description: 'The same day in the Jalali calendar, YYYY-MM-DD with ASCII digits.',
      resolve: (d) => formatJalali(toJalali(d.iso)),
    }),
    jalaliYear: t.int({ resolve: (d) => toJalali(d.iso).year }),
    jalaliMonth: t.int({
      description: '1 = Farvardin … 12 = Esfand.',
      resolve: (d) => toJalali(d.iso).month,
    }),
    jalaliDay: t.int({ resolve: (d) => toJalali(d.iso).day }),
    jalaliMonthName: t.string({
      args: langArg(),
      resolve: (d, { lang }, ctx) => {
        const month = toJalali(d.iso).month - 1;
        return pick(lang ?? ctx.lang, JALALI_MONTHS_FA[month], JALALI_MONTHS_EN[month]) ?? '';
      },
    }),
  }),
});

/** Wraps a stored ISO date for the LocalDate type; null stays null. */
export function localDate(iso: string | null): LocalDateShape | null {
  return iso !== null && parseIsoDate(iso) ? { iso } : null;
}

export function badInput(argument: string, message: string) {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

function selects(
  set: SelectionSetNode | undefined,
  field: string,
  info: GraphQLResolveInfo,
  depth = 0,
): boolean {
  if (!set || depth > 8) return false;
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === field;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return selects(selection.selectionSet, field, info, depth + 1);
    }
    const fragment = info.fragments[selection.name.value];
    return selects(fragment?.selectionSet, field, info, depth + 1);
  });
}

/** Whether the connection being resolved asks for `totalCount`, so the count query runs only then. */
export function wantsTotal(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((node) => selects(node.selectionSet, 'totalCount', info));
}

/** The field's position in the query with list indexes dropped: every parent of a list shares it. */
function pathKey(info: GraphQLResolveInfo): string {
  const parts: (string | number)[] = [];
  for (let path: GraphQLResolveInfo['path'] | undefined = info.path; path; path = path.prev) {
    if (typeof path.key === 'string') parts.push(path.key);
  }
  return parts.reverse().join('.');
}

/**
 * Resolves a nested connection (e.g. each project's claims) for all parents at the same place in
 * the query with one batched load, so the number of D1 queries does not grow with the page size.
 */
export function loadChildPage<Row>(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: PageArgs & Record<string, unknown>,
  parentId: number,
  load: (parentIds: readonly number[], withTotal: boolean) => Promise<Page<Row>[]>,
): Promise<Page<Row>> {
  const withTotal = wantsTotal(info);
  const key = `child:${pathKey(info)}|${JSON.stringify(args)}|${withTotal}`;
  return loaderFor<number, Page<Row>>(ctx, key, (ids) => load(ids, withTotal)).load(parentId);
}

/** Loads one row by slug through the request's batched slug loader for that table. */
export function bySlug<Row extends { id: number; slug: string }>(
  ctx: Context,
  table: Table<Row>,
  name: string,
  slug: string,
): Promise<Row | null> {
  return loaderFor<string, Row | null>(ctx, `slug:${name}`, (slugs) =>
    table.bySlugs(ctx.db, slugs),
  ).load(slug);
}

/** Parses the local part of a global ID back to the integer key. */
export function parseLocalId(id: string): number {
  return Number.parseInt(id, 10);
}

/** A connection type over `node` with `totalCount`, filled by the list query when it is asked for. */
export function connectionType<Node extends { id: number }>(
  // biome-ignore lint/suspicious/noExplicitAny: any loadable node ref; Pothos infers the rest
  node: any,
  name: string,
) {
  const connection = builder.connectionObject({ type: node, name });
  builder.objectField(connection, 'totalCount', (t) =>
    t.int({
      description: 'The number of items in the whole list, across all pages.',
      resolve: (page) => (page as Page<Node>).totalCount ?? 0,
    }),
  );
  return connection;
}

/**
 * The batch loader of a node type. Rows that do not exist load as null, which Pothos passes on
 * as null to nullable fields and to `node(id)`; the cast keeps null out of the type's shape.
 */
export function nodeLoader<Row extends { id: number; slug: string }>(table: Table<Row>) {
  return (ids: number[], ctx: Context) => table.byIds(ctx.db, ids) as Promise<Row[]>;
}

export const DateScalar = builder.scalarType('Date', {
  description: 'A calendar day as an ISO 8601 Gregorian date, YYYY-MM-DD (e.g. 2025-08-23).',
  serialize: (value) => value,
  parseValue: (value) => {
    const problem =
      typeof value === 'string'
        ? isoDateProblem(value)
        : `Expected an ISO date string, got ${typeof value}.`;
    if (problem) throw new GraphQLError(problem);
    return value as string;
  },
});

export const OrderDirection = builder.enumType('OrderDirection', {
  values: { ASC: { value: 'asc' }, DESC: { value: 'desc' } } as const,
});

export const FloatRange = builder.inputType('FloatRange', {
  description: 'An inclusive range; either end may be left open.',
  fields: (t) => ({ min: t.float({ required: false }), max: t.float({ required: false }) }),
});

export const IntRange = builder.inputType('IntRange', {
  description: 'An inclusive range; either end may be left open.',
  fields: (t) => ({ min: t.int({ required: false }), max: t.int({ required: false }) }),
});

export const DateRange = builder.inputType('DateRange', {
  description:
    'Days from `from` to `to` (inclusive, ISO), or a Jalali year (and month): `{ jalaliYear: 1404, jalaliMonth: 6 }` is 2025-08-23 to 2025-09-22.',
  fields: (t) => ({
    from: t.field({ type: DateScalar, required: false }),
    to: t.field({ type: DateScalar, required: false }),
    jalaliYear: t.int({ required: false }),
    jalaliMonth: t.int({
      required: false,
      description: '1 = Farvardin … 12 = Esfand; needs jalaliYear.',
    }),
  }),
});

/** Collects WHERE conditions and their bound values, validating ranges as it goes. */
export class Conditions {
  readonly where: string[] = [];
  readonly params: (string | number | null)[] = [];

  add(sql: string, ...params: (string | number | null)[]) {
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

  range(
    column: string,
    argument: string,
    range: { min?: number | null; max?: number | null } | null | undefined,
    bounds: { min?: number; max?: number } = {},
  ) {
    if (!range) return this;
    const { min, max } = range;
    for (const [end, value] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (value == null) continue;
      if (!Number.isFinite(value))
        throw badInput(argument, `\`${argument}.${end}\` must be a finite number.`);
      if (
        (bounds.min !== undefined && value < bounds.min) ||
        (bounds.max !== undefined && value > bounds.max)
      ) {
        throw badInput(
          argument,
          `\`${argument}.${end}\` must be between ${bounds.min ?? '-∞'} and ${bounds.max ?? '∞'}; got ${value}.`,
        );
      }
    }
    if (min != null && max != null && min > max) {
      throw badInput(
        argument,
        `\`${argument}.min\` (${min}) is greater than \`${argument}.max\` (${max}).`,
      );
    }
    if (min == null && max == null) return this;
    // matches the (col IS NULL, col, id) indexes, so the range seeks instead of scanning
    this.add(`(${column} IS NULL) = 0`);
    if (min != null) this.add(`${column} >= ?`, min);
    if (max != null) this.add(`${column} <= ?`, max);
    return this;
  }

  dates(column: string, argument: string, range: DateRangeArgs | null | undefined) {
    if (!range) return this;
    const { from, to, jalaliYear, jalaliMonth } = range;
    if (jalaliYear != null || jalaliMonth != null) {
      if (from != null || to != null) {
        throw badInput(
          argument,
          `Give \`${argument}\` either as from/to or as jalaliYear/jalaliMonth, not both.`,
        );
      }
      if (jalaliYear == null || jalaliYear < 1280 || jalaliYear > 1480) {
        throw badInput(
          argument,
          `\`${argument}.jalaliYear\` must be a Jalali year between 1280 and 1480.`,
        );
      }
      if (jalaliMonth != null && (jalaliMonth < 1 || jalaliMonth > 12)) {
        throw badInput(
          argument,
          `\`${argument}.jalaliMonth\` must be between 1 and 12; got ${jalaliMonth}.`,
        );
      }
      const period = jalaliPeriod(jalaliYear, jalaliMonth);
      return this.add(`(${column} IS NULL) = 0`)
        .add(`${column} >= ?`, period.from)
        .add(`${column} <= ?`, period.to);
    }
    if (from != null && to != null && from > to) {
      throw badInput(
        argument,
        `\`${argument}.from\` (${from}) is after \`${argument}.to\` (${to}).`,
      );
    }
    if (from == null && to == null) return this;
    this.add(`(${column} IS NULL) = 0`);
    if (from != null) this.add(`${column} >= ?`, from);
    if (to != null) this.add(`${column} <= ?`, to);
    return this;
  }
}

/** Whether a range or date-range filter sets at least one bound (so it excludes nulls). */
export function bounded(range: Record<string, unknown> | null | undefined): boolean {
  return range != null && Object.values(range).some((value) => value != null);
}

export interface DateRangeArgs {
  from?: string | null;
  to?: string | null;
  jalaliYear?: number | null;
  jalaliMonth?: number | null;
}

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

/** Adds `field(slug: String!)` to Query: the row with that slug, or null when there is none. */
export function addSlugQuery<Row extends { id: number; slug: string }>(
  field: string,
  // biome-ignore lint/suspicious/noExplicitAny: any loadable node ref over Row
  ref: any,
  table: Table<Row>,
  what: string,
) {
  builder.queryField(field, (t) =>
    t.field({
      type: ref,
      nullable: true,
      description: `${what} by slug; null when there is none.`,
      args: { slug: t.arg.string({ required: true }) },
      resolve: (_root, { slug }, ctx) => bySlug<Row>(ctx, table, ref.name, slug) as never,
    }),
  );
}
