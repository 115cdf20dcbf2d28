import { describe, expect, it } from 'vitest';
import { formatJalali, parseIsoDate, toJalali } from '../../src/lib/jalali';

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

  it('rejects days that do not exist', () => {
    expect(parseIsoDate('2025-02-30')).toBeNull();
    expect(parseIsoDate('2025-8-3')).toBeNull();
    expect(() => toJalali('1404-06-01x')).toThrow(RangeError);
  });
});
