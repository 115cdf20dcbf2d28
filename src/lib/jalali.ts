/**
 * Gregorian ISO dates read in the Jalali (Solar Hijri) calendar. Intl's persian calendar places
 * each year's Nowruz (once per year per isolate); the month and day follow by arithmetic, since
 * months 1–6 have 31 days and 7–11 have 30.
 */

export interface JalaliDate {
  year: number;
  month: number;
  day: number;
}

// Made on first use, not at start-up: the first Intl object a workerd process makes loads ICU's
// data (20-60 ms of module start in a fresh local workerd; BENCHMARKS.md "Bundle and start-up").
let persianFormat: Intl.DateTimeFormat | undefined;
const persianCalendar = {
  formatToParts(date: Date): Intl.DateTimeFormatPart[] {
    persianFormat ??= new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    return persianFormat.formatToParts(date);
  },
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** The Gregorian years whose days are read by arithmetic, each checked against Intl in the tests. */
export const ARITHMETIC_FROM = 1800;
export const ARITHMETIC_TO = 2300;

/** Parses a YYYY-MM-DD string into a UTC Date, or null when it is not a real calendar day. */
export function parseIsoDate(iso: string): Date | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === iso ? date : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `iso` is a day `parseIsoDate` accepts, by arithmetic (no Date): the check made for every
 * stored date a LocalDate wraps. Years below 100 are refused as parseIsoDate refuses them (Date.UTC
 * reads them as 19xx).
 */
export function isIsoDate(iso: string): boolean {
  const match = ISO_DATE.exec(iso);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}

/** The day read by Intl's persian calendar (the reference the arithmetic is checked against). */
export function toJalaliIntl(date: Date): JalaliDate {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of persianCalendar.formatToParts(date)) {
    // parseInt, because some ICU versions write the persian year as "1404 AP"
    if (part.type === 'year') year = Number.parseInt(part.value, 10);
    else if (part.type === 'month') month = Number.parseInt(part.value, 10);
    else if (part.type === 'day') day = Number.parseInt(part.value, 10);
  }
  return { year, month, day };
}

/** UTC milliseconds of 1 Farvardin of each Jalali year asked for so far. */
const nowruzMs = new Map<number, number>();

/** The Gregorian day of 1 Farvardin of a Jalali year: 20 or 21 March (rarely 19 or 22). */
function nowruzOf(jalaliYear: number): number {
  const known = nowruzMs.get(jalaliYear);
  if (known !== undefined) return known;
  for (const day of [21, 20, 22, 19]) {
    const ms = Date.UTC(jalaliYear + 621, 2, day);
    const j = toJalaliIntl(new Date(ms));
    if (j.year === jalaliYear && j.month === 1 && j.day === 1) {
      nowruzMs.set(jalaliYear, ms);
      return ms;
    }
  }
  throw new RangeError(`cannot place Nowruz of ${jalaliYear}`);
}

/**
 * Days already read, by ISO text: a LocalDate's fields each read the day again, and a page's rows
 * share few distinct days. Bounded: cleared when full.
 */
const readDays = new Map<string, Readonly<JalaliDate>>();
const READ_DAYS_MAX = 4096;

export function toJalali(iso: string): Readonly<JalaliDate> {
  let day = readDays.get(iso);
  if (!day) {
    day = readJalali(iso);
    if (readDays.size >= READ_DAYS_MAX) readDays.clear();
    readDays.set(iso, day);
  }
  return day;
}

function readJalali(iso: string): JalaliDate {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`not an ISO date: ${iso}`);
  const gregorianYear = date.getUTCFullYear();
  // outside the years the arithmetic is checked on (test/lib/jalali.test.ts), Intl reads the day
  if (gregorianYear < ARITHMETIC_FROM || gregorianYear > ARITHMETIC_TO) return toJalaliIntl(date);
  const ms = date.getTime();
  // the Jalali year that began in this Gregorian year, or the one before it
  let year = gregorianYear - 621;
  let start = nowruzOf(year);
  if (ms < start) {
    year -= 1;
    start = nowruzOf(year);
  }
  const days = Math.round((ms - start) / DAY_MS);
  if (days < 186) return { year, month: Math.floor(days / 31) + 1, day: (days % 31) + 1 };
  const rest = days - 186;
  return { year, month: Math.floor(rest / 30) + 7, day: (rest % 30) + 1 };
}

export function formatJalali({ year, month, day }: JalaliDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const JALALI_MONTHS_FA = [
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
] as const;

export const JALALI_MONTHS_EN = [
  'Farvardin',
  'Ordibehesht',
  'Khordad',
  'Tir',
  'Mordad',
  'Shahrivar',
  'Mehr',
  'Aban',
  'Azar',
  'Dey',
  'Bahman',
  'Esfand',
] as const;

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The Gregorian day of 1 Farvardin of a Jalali year. */
function nowruz(jalaliYear: number): Date {
  return new Date(nowruzOf(jalaliYear));
}

/**
 * The ISO first and last days of a Jalali year, or of one of its months: months 1–6 have 31 days,
 * 7–11 have 30, and Esfand ends the day before the next Nowruz.
 */
export function jalaliPeriod(year: number, month?: number | null): { from: string; to: string } {
  const start = nowruz(year);
  const nextYear = nowruz(year + 1);
  const lastDay = (date: Date) => new Date(date.getTime() - 86_400_000);
  if (month == null) return { from: isoOf(start), to: isoOf(lastDay(nextYear)) };
  const offset = (m: number) => (m <= 6 ? (m - 1) * 31 : 186 + (m - 7) * 30);
  const from = new Date(start.getTime() + offset(month) * 86_400_000);
  const to =
    month === 12
      ? lastDay(nextYear)
      : new Date(start.getTime() + (offset(month + 1) - 1) * 86_400_000);
  return { from: isoOf(from), to: isoOf(to) };
}

/**
 * Why an ISO date given as input is not acceptable, or null when it is: it must be a real day,
 * between 1900 and 2100, and not a Jalali date written in ISO form (years 1300–1500).
 */
export function isoDateProblem(value: string): string | null {
  if (!parseIsoDate(value))
    return `Expected an ISO date YYYY-MM-DD, got ${JSON.stringify(value.slice(0, 40))}.`;
  const year = Number(value.slice(0, 4));
  if (year >= 1300 && year <= 1500) {
    return `${value} looks like a Jalali date; give an ISO (Gregorian) date, or use jalaliYear/jalaliMonth.`;
  }
  if (year < 1900 || year > 2100) return `${value} is outside 1900–2100.`;
  return null;
}

/** Weekday names from Saturday, the first day of the Persian week. */
export const WEEKDAYS_FA = [
  'شنبه',
  'یکشنبه',
  'دوشنبه',
  'سه‌شنبه',
  'چهارشنبه',
  'پنج‌شنبه',
  'جمعه',
] as const;
export const WEEKDAYS_EN = [
  'Saturday',
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
] as const;

/** The ISO weekday of a date: 1 = Monday … 7 = Sunday (2025-08-23, a Saturday, is 6). */
export function isoWeekday(iso: string): number {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`not an ISO date: ${iso}`);
  return ((date.getUTCDay() + 6) % 7) + 1;
}

/** The weekday's index in the Persian week, which starts on Saturday: 0 = شنبه … 6 = جمعه. */
export function persianWeekIndex(iso: string): number {
  return (isoWeekday(iso) + 1) % 7;
}
