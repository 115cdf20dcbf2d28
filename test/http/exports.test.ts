// Each export format, parsed by a real parser for that format, plus the refusals.

import { exports } from 'cloudflare:workers';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { addSyntheticProjects } from '../factories';

const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://ostan.test${path}`, { headers });

describe('exports', () => {
  it('writes projects as CSV with a BOM, codes next to Persian and English labels', async () => {
    const response = await get('/exports/projects.csv?sector=industry');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('x-ostan-dataset-version')).toMatch(/^\d{4}\+\d+$/);
    expect(response.headers.get('x-ostan-license')).toBe('CC-BY-4.0');
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(await response.text(), {
      columns: true,
      bom: true,
    });
    expect(rows.map((row) => row.slug).sort()).toEqual([
      'construction-industries-units',
      'footwear-chain',
      'hygiene-products-units',
      'wallpaper-units',
    ]);
    const footwear = rows.find((row) => row.slug === 'footwear-chain');
    expect(footwear).toMatchObject({
      status: 'operational',
      status_fa: 'در حال بهره‌برداری',
      status_en: 'Operational',
      sector: 'footwear',
      sector_fa: 'کفش',
      sector_en: 'Footwear',
      region: 'qom',
      region_fa: 'استان قم',
      direct_jobs: '',
      source: 'mehr-2025-08-23-seed',
    });
  });

  it('writes claims as NDJSON, one JSON object per line, with Jalali dates', async () => {
    const response = await get('/exports/claims.ndjson?indicator=solar_capacity_operational_mw');
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    // no claim stands for the stock in operation (c006, c013); c066 and c093 are flows, each alone
    expect(
      lines.map((line) => [
        line.slug,
        line.value,
        line.measure,
        line.preferred,
        !!line.unresolved_reason,
      ]),
    ).toEqual([
      ['c006', 565, 'level', false, true],
      ['c013', 565, 'level', false, true],
      ['c066', 45, 'change', true, false],
      ['c093', 49, 'change', true, false],
    ]);
    expect(lines[0]).toMatchObject({
      as_of: '2025-08-23',
      as_of_jalali: '1404-06-01',
      measure_fa: 'مقدار در تاریخ',
    });
  });

  it('writes energy assets as valid GeoJSON (null geometry: no coordinates are recorded)', async () => {
    const response = await get(
      '/exports/energy-assets.geojson?technology=solar_pv&status=operational',
    );
    const text = await response.text();
    const collection = checkGeoJson(text);
    expect(collection.type).toBe('FeatureCollection');
    const features = (
      collection as {
        features: { id: string; geometry: null; properties: Record<string, unknown> }[];
      }
    ).features;
    expect(features).toHaveLength(6);
    expect(
      features.every((f) => f.geometry === null && f.properties.technology === 'solar_pv'),
    ).toBe(true);
    expect(JSON.parse(text).metadata).toMatchObject({
      license: { id: 'CC-BY-4.0' },
      version: expect.any(String),
    });
  });

  it('keeps a capacity stated as a lower bound a lower bound, in CSV and NDJSON', async () => {
    const csv: Record<string, string>[] = parse(
      await (await get('/exports/energy-assets.csv?technology=chp')).text(),
      { columns: true, bom: true },
    );
    expect(csv.map((row) => [row.slug, row.capacity_mw, row.capacity_qualifier])).toEqual([
      ['gas-chp-570mw', '570', 'more_than'],
    ]);
    const ndjson = JSON.parse(
      (await (await get('/exports/energy-assets.ndjson?technology=chp')).text()).trim(),
    );
    expect(ndjson).toMatchObject({ capacity_mw: 570, capacity_qualifier: 'more_than' });
  });

  it('writes an OC4IDS project package', async () => {
    const response = await get('/exports/projects.oc4ids?sector=tourism');
    const pkg = JSON.parse(await response.text());
    expect(pkg).toMatchObject({
      publisher: { name: 'Ostan' },
      version: '0.9',
      license: expect.stringContaining('creativecommons'),
    });
    expect(Date.parse(pkg.publishedDate)).not.toBeNaN();
    const shadi = pkg.projects.find((p: { id: string }) => p.id === 'oc4ids-xxxxxx-shahr-e-shadi');
    expect(shadi).toMatchObject({
      status: 'completion',
      sector: ['cultureSportsAndRecreation'],
      budget: { amount: { amount: 4.5e12, currency: 'IRR' } },
      completion: { endDate: '2025-09-03T00:00:00Z' },
    });
    for (const project of pkg.projects) {
      expect([
        'identification',
        'preparation',
        'implementation',
        'completion',
        'cancelled',
      ]).toContain(project.status);
    }
  });

  it('writes claims as SDMX-CSV observations', async () => {
    const response = await get('/exports/claims.sdmx?indicator=units_revived');
    const rows: Record<string, string>[] = parse(await response.text(), { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'DATAFLOW',
      'REF_AREA',
      'INDICATOR',
      'SUBJECT',
      'TIME_PERIOD',
      'SOURCE',
      'CLAIM',
      'OBS_VALUE',
      'OBS_VALUE_MAX',
      'UNIT_MEASURE',
      'QUALIFIER',
      'MEASURE',
      'PREFERRED',
    ]);
    expect(rows.find((row) => row.CLAIM === 'c004')).toMatchObject({
      DATAFLOW: 'OSTAN:CLAIMS(1.0)',
      REF_AREA: 'qom',
      INDICATOR: 'units_revived',
      TIME_PERIOD: '2025-08-23',
      OBS_VALUE: '350',
      PREFERRED: 'true',
    });
  });

  it('streams past one page and honours the row limit', async () => {
    await addSyntheticProjects(1200);
    const all = (await (await get('/exports/projects.ndjson?synthetic=true')).text())
      .trimEnd()
      .split('\n');
    expect(all).toHaveLength(1200);
    const some = (await (await get('/exports/projects.ndjson?synthetic=true&limit=5')).text())
      .trimEnd()
      .split('\n');
    expect(some).toHaveLength(5);
  });

  it('answers If-None-Match with 304 while the data are unchanged', async () => {
    const first = await get('/exports/claims.csv?preferredOnly=true');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await get('/exports/claims.csv?preferredOnly=true', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    // a list of tags, or the weak form of ours, matches as RFC 9110 says
    const listed = await get('/exports/claims.csv?preferredOnly=true', {
      'if-none-match': `"stale", W/${etag}`,
    });
    expect(listed.status).toBe(304);
    const other = await get('/exports/claims.csv?preferredOnly=true', { 'if-none-match': '"x"' });
    expect(other.status).toBe(200);
  });

  it.each([
    ['an unknown format', '/exports/projects.xlsx', /Unknown format "xlsx"/],
    ['an unknown entity', '/exports/people.csv', /Unknown export/],
    ['an unknown filter', '/exports/projects.csv?colour=red', /Unknown filter "colour"/],
    [
      'an unknown enum value',
      '/exports/projects.csv?status=finished',
      /unknown value\(s\) finished/,
    ],
    ['an oversized limit', '/exports/claims.csv?limit=1000000', /"limit" must be/],
    ['progress over 100', '/exports/projects.csv?progressMax=150', /progressPercent\.max/],
    [
      'a Jalali date as ISO',
      '/exports/projects.csv?startedFrom=1404-06-01',
      /looks like a Jalali date/,
    ],
    ['an unknown region', '/exports/energy-assets.csv?region=atlantis', /No region has the slug/],
    ['an SDMX export of projects', '/exports/projects.sdmx', /Unknown format "sdmx"/],
  ])('refuses %s with a 400 that says why', async (_name, path, message) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });
});

describe('/status and dataStatus', () => {
  it('reports counts, version, newest source and the known conflicts', async () => {
    const response = await get('/status');
    const status = (await response.json()) as Record<string, unknown> & {
      counts: Record<string, number>;
      knownIssues: { conflictGroup: string; claims: string[] }[];
    };
    expect(status.counts).toMatchObject({ claims: 150, sources: 43, syntheticRows: 0 });
    expect(status.newestSourcePublishedOn).toBe('2026-01-06');
    expect(status.knownIssues).toContainEqual({
      conflictGroup: 'solar-operational-mw',
      claims: ['c006', 'c013', 'c034', 'c066', 'c067', 'c093', 'c116', 'c138'],
    });
  });
});
