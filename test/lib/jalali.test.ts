import { describe, expect, it } from 'vitest';
import {
  ARITHMETIC_FROM,
  ARITHMETIC_TO,
  formatJalali,
  isIsoDate,
  isoWeekday,
  jalaliPeriod,
  parseIsoDate,
  persianWeekIndex,
  toJalali,
  toJalaliIntl,
  WEEKDAYS_EN,
  WEEKDAYS_FA,
} from '../../src/lib/jalali';

describe('toJalali', () => {
  it.each([
    ['2025-08-23', '1404-06-01'], // the seed report's date, a Saturday
    ['2025-03-21', '1404-01-01'], // Nowruz 1404
    ['2025-03-20', '1403-12-30'], // last day of leap year 1403
    ['2026-03-20', '1404-12-29'],
    ['2026-03-21', '1405-01-01'],
    ['2000-01-01', '1378-10-11'],
  ])('%s is %s', (iso, jalali) => {
    expect(formatJalali(toJalali(iso))).toBe(jalali);
  });

  // toJalali places Nowruz with Intl and counts the days from it: every day it reads so must read
  // as Intl's persian calendar reads it
  // 183,000 days through Intl: ~5 s on a loaded machine, so the guard is generous (nothing timed)
  it('reads every day from ARITHMETIC_FROM to ARITHMETIC_TO as Intl does', {
    timeout: 60_000,
  }, () => {
    const mismatches: string[] = [];
    const end = Date.UTC(ARITHMETIC_TO, 11, 31);
    for (let ms = Date.UTC(ARITHMETIC_FROM, 0, 1); ms <= end; ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      const got = formatJalali(toJalali(iso));
      const want = formatJalali(toJalaliIntl(new Date(ms)));
      if (got !== want) mismatches.push(`${iso}: ${got} != ${want}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('reads days outside those years through Intl', () => {
    expect(formatJalali(toJalali('1700-03-21'))).toBe(
      formatJalali(toJalaliIntl(new Date(Date.UTC(1700, 2, 21)))),
    );
  });

  it('isIsoDate accepts exactly the days parseIsoDate accepts', () => {
    const texts = [
      '0050-01-01',
      '0099-12-31',
      '0100-01-01',
      '1900-02-29',
      '2000-02-29',
      '2024-02-29',
    ];
    texts.push('2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01');
    for (let ms = Date.UTC(1899, 0, 1); ms <= Date.UTC(2101, 0, 1); ms += 86_400_000 * 7) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      texts.push(iso, `${iso.slice(0, 8)}31`, `${iso.slice(0, 8)}30`, `${iso.slice(0, 8)}29`);
    }
    const disagree = texts.filter((text) => isIsoDate(text) !== (parseIsoDate(text) !== null));
    expect(disagree).toEqual([]);
  });

  it('rejects days that do not exist', () => {
    expect(parseIsoDate('2025-02-30')).toBeNull();
    expect(parseIsoDate('2025-8-3')).toBeNull();
    expect(() => toJalali('1404-06-01x')).toThrow(RangeError);
  });
});

describe('jalaliPeriod', () => {
  it.each([
    [1404, null, '2025-03-21', '2026-03-20'],
    [1403, null, '2024-03-20', '2025-03-20'], // a leap year of 366 days
    [1404, 1, '2025-03-21', '2025-04-20'],
    [1404, 6, '2025-08-23', '2025-09-22'], // Shahrivar: the seed report is its first day
    [1404, 7, '2025-09-23', '2025-10-22'],
    [1404, 12, '2026-02-20', '2026-03-20'],
  ])('%i/%s runs from %s to %s', (year, month, from, to) => {
    expect(jalaliPeriod(year, month)).toEqual({ from, to });
    expect(toJalali(from)).toMatchObject({ year, ...(month ? { month } : {}), day: 1 });
  });
});

describe('weekdays', () => {
  it.each([
    ['2025-08-23', 6, 'شنبه', 'Saturday'], // the seed report: Saturday, 1 Shahrivar 1404
    ['2025-09-09', 2, 'سه‌شنبه', 'Tuesday'], // the Salafchegan opening (qom-claims.md)
    ['2025-08-29', 5, 'جمعه', 'Friday'],
    ['2025-08-24', 7, 'یکشنبه', 'Sunday'],
  ])('%s is ISO day %i, %s, %s', (iso, weekday, fa, en) => {
    expect(isoWeekday(iso)).toBe(weekday);
    expect(WEEKDAYS_FA[persianWeekIndex(iso)]).toBe(fa);
    expect(WEEKDAYS_EN[persianWeekIndex(iso)]).toBe(en);
  });
});
