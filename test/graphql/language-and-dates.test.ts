// Every name comes in Persian and English; every date also reads in the Jalali calendar.
import { describe, expect, it } from 'vitest';
import { gqlData } from '../helpers';

const query = `{
  region(slug: "qom") { name nameFa nameEn en: name(lang: EN) fa: name(lang: FA) }
  project(slug: "ava-hotel") { openedOn { iso jalali jalaliYear jalaliMonth jalaliDay jalaliMonthName monthEn: jalaliMonthName(lang: EN) } }
}`;

describe('localised names', () => {
  it('defaults to Persian without Accept-Language', async () => {
    const data = await gqlData<{ region: Record<string, string> }>(query);
    expect(data.region.name).toBe(data.region.nameFa);
    expect(data.region.fa).toBe(data.region.nameFa);
    expect(data.region.en).toBe(data.region.nameEn);
    expect(data.region.nameFa).toBe('استان قم');
  });

  it.each([
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE, en;q=0.5, fa;q=0.8', 'fa'],
    ['fr', 'fa'],
    ['fa-IR', 'fa'],
  ])('Accept-Language %s picks %s', async (header, lang) => {
    const data = await gqlData<{ region: Record<string, string> }>(
      query,
      {},
      { 'accept-language': header },
    );
    expect(data.region.name).toBe(lang === 'en' ? data.region.nameEn : data.region.nameFa);
  });
});

describe('dates', () => {
  it('reads a Gregorian date in the Jalali calendar (workerd Intl persian calendar)', async () => {
    const data = await gqlData<{ project: { openedOn: Record<string, unknown> } }>(query);
    // 2025-09-03 is 12 Shahrivar 1404
    expect(data.project.openedOn).toEqual({
      iso: '2025-09-03',
      jalali: '1404-06-12',
      jalaliYear: 1404,
      jalaliMonth: 6,
      jalaliDay: 12,
      jalaliMonthName: 'شهریور',
      monthEn: 'Shahrivar',
    });
  });
});
