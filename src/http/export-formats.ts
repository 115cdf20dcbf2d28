/** Writers for each export format: they turn records into text chunks, header to footer. */
import type { Record_ } from '../db/exports';

export interface ExportMeta {
  dataset: string;
  version: string;
  generatedAt: string;
  license: { id: string; url: string; note: string };
  url: string;
}

export interface Writer {
  contentType: string;
  extension: string;
  start(meta: ExportMeta, columns: string[]): string;
  record(record: Record_, first: boolean): string;
  end(meta: ExportMeta): string;
  /** Set when the format cannot hold an empty list: the refusal to send when no row matches. */
  whenEmpty?: string;
}

/** RFC 4180 quoting: quote fields with commas, quotes or line breaks, doubling the quotes. */
function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvWriter(): Writer {
  let header: string[] = [];
  return {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    // the BOM makes Excel read the file as UTF-8, so Persian shows correctly
    start: (_meta, columns) => {
      header = columns;
      return `\uFEFF${columns.join(',')}\r\n`;
    },
    record: (record) => `${header.map((column) => csvField(record[column] ?? null)).join(',')}\r\n`,
    end: () => '',
  };
}

const ndjsonWriter: Writer = {
  contentType: 'application/x-ndjson; charset=utf-8',
  extension: 'ndjson',
  start: () => '',
  record: (record) => `${JSON.stringify(record)}\n`,
  end: () => '',
};

/** GeoJSON FeatureCollection; no coordinates are in the data yet, so geometries are null (RFC 7946 §3.2). */
const geojsonWriter: Writer = {
  contentType: 'application/geo+json; charset=utf-8',
  extension: 'geojson',
  start: (meta) =>
    `{"type":"FeatureCollection","metadata":${JSON.stringify({
      dataset: meta.dataset,
      version: meta.version,
      generatedAt: meta.generatedAt,
      license: meta.license,
      note: 'Locations are given by region (properties.region); no coordinates are recorded yet, so geometry is null.',
    })},"features":[`,
  record: (record, first) =>
    `${first ? '' : ','}${JSON.stringify({ type: 'Feature', id: record.slug, geometry: null, properties: record })}`,
  end: () => ']}\n',
};

/**
 * OC4IDS 0.9.5, checked against the official schema and codelists copied into standards/oc4ids-0.9.5
 * (test/http/oc4ids.test.ts). Every code written below is in its codelist's CSV.
 */
const OC4IDS_STATUS: Record<string, string> = {
  planned: 'preparation',
  under_construction: 'implementation',
  suspended: 'implementation',
  operational: 'completion',
  cancelled: 'cancelled',
};
/**
 * Ostan sectors that have a projectSector code (a subsector comes with its parent, as the schema
 * asks). Manufacturing (industry and its children) and services have none: their projects carry no
 * `sector` rather than an empty array (minItems 1) or a code that does not fit.
 */
const OC4IDS_SECTOR: Record<string, string[]> = {
  energy: ['energy'],
  'solar-power': ['energy', 'energy.solar'],
  'transport-infrastructure': ['transport'],
  housing: ['socialHousing'],
  tourism: ['cultureSportsAndRecreation'],
  agriculture: ['economy'],
};
/**
 * Project ids must start with a prefix registered with the OC4IDS Helpdesk (`oc4ids-` and six
 * characters). Ostan has not registered one: `xxxxxx` is a placeholder, to be replaced (and the
 * change announced) when a prefix is assigned. README "Exports and data status" says so.
 */
const OC4IDS_ID_PREFIX = 'oc4ids-xxxxxx';

/** A string with content, or undefined (the schema's strings have minLength 1). */
const someText = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
/** A calendar date as an RFC 3339 date-time at midnight UTC (the day is all the data records). */
const dateTime = (date: unknown) =>
  typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : undefined;
/** An absolute URL, normalised (non-ASCII percent-encoded), or undefined when it does not parse. */
const absoluteUrl = (value: unknown) => {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value).href;
  } catch {
    return undefined;
  }
};

/** An OC4IDS project package: one project per record, in the standard's field names and codelists. */
const oc4idsWriter: Writer = {
  whenEmpty:
    'No project matches these filters, and an OC4IDS project package must hold at least one project (`projects` has minItems 1). Widen the filters, or use the csv or ndjson format, which can be empty.',
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
  start: (meta) => {
    // No publicationPolicy: the field must link to a data user guide, and Ostan has none at a
    // stable public URL yet (the licence is in `license`; its note is in `ostan.licenseNote`).
    const head = JSON.stringify({
      uri: meta.url,
      publishedDate: meta.generatedAt,
      publisher: { name: 'Ostan' },
      license: meta.license.url,
      version: '0.9',
      ostan: { dataset: meta.dataset, version: meta.version, licenseNote: meta.license.note },
    });
    return `${head.slice(0, -1)},"projects":[`;
  },
  record: (r, first) => {
    const currency =
      r.investment_unit === 'usd' || r.investment_unit === 'million_usd' ? 'USD' : 'IRR';
    const amount =
      currency === 'IRR'
        ? r.investment_rial
        : r.investment_amount === null
          ? null
          : Number(r.investment_amount) * (r.investment_unit === 'million_usd' ? 1e6 : 1);
    const region = someText(r.region);
    const regionName = [someText(r.region_en), someText(r.region_fa)].filter(Boolean);
    const sourceUrl = absoluteUrl(r.source_url);
    const project = {
      id: `${OC4IDS_ID_PREFIX}-${r.slug}`,
      title: someText(r.name_en),
      description: someText(r.description_en),
      status: OC4IDS_STATUS[String(r.status)],
      sector: OC4IDS_SECTOR[String(r.sector)],
      locations: region
        ? [
            {
              id: region,
              description:
                regionName.length === 2 ? `${regionName[0]} (${regionName[1]})` : regionName[0],
            },
          ]
        : undefined,
      budget:
        typeof amount === 'number' && Number.isFinite(amount)
          ? { amount: { amount, currency } }
          : undefined,
      period: dateTime(r.started_on) ? { startDate: dateTime(r.started_on) } : undefined,
      completion: dateTime(r.opened_on) ? { endDate: dateTime(r.opened_on) } : undefined,
      // documentType is left out: the sources are news and official reports, and no code in the
      // documentType codelist describes one (the codelist has no "other")
      documents: sourceUrl
        ? [
            {
              id: someText(r.source) ?? 'source',
              title: someText(r.source_publisher),
              description: 'The report this project’s figures are quoted from.',
              url: sourceUrl,
            },
          ]
        : undefined,
      // fields the standard has no place for, in Ostan's own extension
      ostan: {
        slug: r.slug,
        titleFa: r.name_fa,
        status: r.status,
        sector: r.sector,
        progressPercent: r.progress_percent,
        directJobs: r.direct_jobs,
        financing: r.financing,
        synthetic: r.synthetic,
      },
    };
    return `${first ? '' : ','}${JSON.stringify(project)}`;
  },
  end: () => ']}\n',
};

/** SDMX-CSV 1.0: one observation per claim; dimensions, OBS_VALUE, then attributes. */
function sdmxCsvWriter(): Writer {
  const columns = [
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
  ];
  return {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'sdmx.csv',
    start: () => `${columns.join(',')}\r\n`,
    record: (r) =>
      `${[
        'OSTAN:CLAIMS(1.0)',
        r.region,
        r.indicator,
        r.subject,
        r.as_of,
        r.source,
        r.slug,
        r.normalised_value,
        r.normalised_value_max,
        r.indicator_unit,
        r.qualifier,
        r.measure,
        r.preferred,
      ]
        .map((value) => csvField(value ?? null))
        .join(',')}\r\n`,
    end: () => '',
  };
}

/** The formats each entity can be exported in. */
export const FORMATS: Record<string, Record<string, () => Writer>> = {
  projects: {
    csv: csvWriter,
    ndjson: () => ndjsonWriter,
    geojson: () => geojsonWriter,
    oc4ids: () => oc4idsWriter,
  },
  'energy-assets': { csv: csvWriter, ndjson: () => ndjsonWriter, geojson: () => geojsonWriter },
  claims: { csv: csvWriter, ndjson: () => ndjsonWriter, sdmx: sdmxCsvWriter },
};
