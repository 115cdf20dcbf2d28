/** Scalars and the LocalDate type: days in both calendars, rows as JSON. */
import { GraphQLError } from 'graphql';
import {
  formatJalali,
  isIsoDate,
  isoDateProblem,
  isoWeekday,
  JALALI_MONTHS_EN,
  JALALI_MONTHS_FA,
  persianWeekIndex,
  toJalali,
  WEEKDAYS_EN,
  WEEKDAYS_FA,
} from '../lib/jalali';
import { pick } from '../lib/lang';
import { builder } from './builder';
import { langArg } from './text';

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

export const JsonScalar = builder.scalarType('JSON', {
  description: 'A JSON value: here, a whole row with its snake_case column names.',
  serialize: (value) => value,
  parseValue: () => {
    throw new GraphQLError('JSON is an output type only.');
  },
});

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
    weekday: t.int({
      description: 'ISO weekday: 1 = Monday … 7 = Sunday (2025-08-23 is 6, a Saturday).',
      resolve: (d) => isoWeekday(d.iso),
    }),
    weekdayName: t.string({
      description: 'The weekday’s name: شنبه / Saturday for 2025-08-23.',
      args: langArg(),
      resolve: (d, { lang }, ctx) => {
        const day = persianWeekIndex(d.iso);
        return pick(lang ?? ctx.lang, WEEKDAYS_FA[day], WEEKDAYS_EN[day]) ?? '';
      },
    }),
    weekdayFa: t.string({ resolve: (d) => WEEKDAYS_FA[persianWeekIndex(d.iso)] ?? '' }),
    weekdayEn: t.string({ resolve: (d) => WEEKDAYS_EN[persianWeekIndex(d.iso)] ?? '' }),
  }),
});

/** Wraps a stored ISO date for the LocalDate type; null stays null. */
export function localDate(iso: string | null): LocalDateShape | null {
  return iso !== null && isIsoDate(iso) ? { iso } : null;
}

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
