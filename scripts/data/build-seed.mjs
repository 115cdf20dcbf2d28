#!/usr/bin/env node
// Builds migrations/0002_seed_qom_data.sql from data/qom/qom-claims.json and data/qom/curation.mjs,
// and migrations/0011_add_claim_links.sql, which gives databases seeded before it the columns and
// values 0002 cannot carry (scope notes, quantities, unresolved comparisons, capacity qualifiers).
// No dependencies. Deterministic: the same input gives byte-identical output.
//
//   node scripts/data/build-seed.mjs          write the SQL
//   node scripts/data/build-seed.mjs --check  exit 1 if the committed SQL differs from what would be written
//
// Every input problem (unknown metric, unknown slug, two preferred claims in one comparison group, a group
// with no preferred claim, a unit that cannot be normalised, ...) stops the build with a message.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { claimLinks, LINKS_PATH, linksSql } from './build-seed-links.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLAIMS_PATH = join(ROOT, 'data/qom/qom-claims.json');
const CURATION_PATH = join(ROOT, 'data/qom/curation.mjs');
const OUT_PATH = join(ROOT, 'migrations/0002_seed_qom_data.sql');
const MONEY_UNITS = JSON.parse(readFileSync(join(ROOT, 'data/money-units.json'), 'utf8')).units;
const MAX_STATEMENT_BYTES = 100 * 1024;

const errors = [];
const fail = (msg) => errors.push(msg);

// ---------- enums (mirror migrations/0001_create_schema.sql) ----------
const ENUM = {
  sourceKind: ['news', 'official', 'statistics', 'reference', 'synthetic'],
  language: ['fa', 'en'],
  publishedBasis: ['date_line', 'url_path', 'text_inferred'],
  regionKind: [
    'country',
    'province',
    'county',
    'district',
    'city',
    'industrial_town',
    'industrial_zone',
    'site',
  ],
  direction: ['higher_is_better', 'lower_is_better', 'neutral'],
  projectStatus: ['planned', 'under_construction', 'operational', 'suspended', 'cancelled'],
  investmentUnit: Object.keys(MONEY_UNITS),
  financing: ['private', 'public', 'bank', 'mixed'],
  technology: ['solar_pv', 'wind', 'gas', 'combined_cycle', 'chp', 'hydro', 'other'],
  rating: ['ac', 'dc', 'unknown'],
  assetStatus: ['operational', 'under_construction', 'licensed', 'planned'],
  planKind: ['development_plan', 'investment_document', 'annual_programme'],
  planStatus: ['drafted', 'issued', 'in_force', 'expired'],
  comparator: ['at_least', 'at_most', 'equals'],
  targetKind: ['level', 'increment'],
  subjectKind: ['region', 'project', 'energy_asset', 'sector', 'plan'],
  qualifier: ['exact', 'about', 'more_than', 'at_least', 'less_than', 'at_most', 'range'],
  measure: ['level', 'change', 'target'],
  reportedStatus: [
    'opened',
    'operational',
    'under_construction',
    'groundbreaking',
    'licensed',
    'planned',
    'target',
  ],
  basis: ['body', 'headline'],
};
const SUBJECT_TABLE = {
  region: 'regions',
  project: 'projects',
  energy_asset: 'energy_assets',
  sector: 'sectors',
  plan: 'plans',
};

// ---------- small helpers ----------
function isIsoDate(s) {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
function checkDate(where, v) {
  if (v !== null && v !== undefined && !isIsoDate(v))
    fail(`${where}: '${v}' is not an ISO date (YYYY-MM-DD)`);
}
function checkEnum(where, v, list, nullable = false) {
  if ((v === null || v === undefined) && nullable) return;
  if (!list.includes(v)) fail(`${where}: '${v}' is not one of ${list.join(', ')}`);
}
function checkText(where, v, nullable = false) {
  if ((v === null || v === undefined) && nullable) return;
  if (typeof v !== 'string' || v.trim() === '')
    fail(`${where}: expected non-empty text, got ${JSON.stringify(v)}`);
}
function checkNumber(where, v, nullable = true) {
  if ((v === null || v === undefined) && nullable) return;
  if (typeof v !== 'number' || !Number.isFinite(v))
    fail(`${where}: expected a finite number, got ${JSON.stringify(v)}`);
}
function checkKeys(where, obj, allowed) {
  for (const k of Object.keys(obj))
    if (!allowed.includes(k)) fail(`${where}: unknown field '${k}'`);
}
function indexBySlug(kind, rows, key = 'slug') {
  const map = new Map();
  for (const r of rows) {
    if (typeof r[key] !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/.test(r[key]))
      fail(`${kind}: bad slug ${JSON.stringify(r[key])}`);
    if (map.has(r[key])) fail(`${kind}: duplicate slug '${r[key]}'`);
    map.set(r[key], r);
  }
  return map;
}
// parents must exist and come earlier in the list, so inserts run in dependency order
function checkParents(kind, rows) {
  const seen = new Set();
  for (const r of rows) {
    if (r.parent != null && !seen.has(r.parent))
      fail(`${kind} '${r.slug}': parent '${r.parent}' is unknown or listed after it`);
    seen.add(r.slug);
  }
}

// ---------- SQL literals ----------
function sqlStr(v) {
  if (v === null || v === undefined) return 'NULL';
  return `'${String(v).replace(/'/g, "''")}'`;
}
function sqlNum(v) {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
  return String(v);
}
function ref(table, slug) {
  if (slug === null || slug === undefined) return 'NULL';
  return `(SELECT id FROM ${table} WHERE slug = ${sqlStr(slug)})`;
}
function insert(table, cols) {
  const names = Object.keys(cols);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => cols[n]).join(', ')});`;
}

// ---------- normalisation to the indicator's unit ----------
// key: `${claim unit}|${claim scale}|${indicator unit}` → factor (number) or null (not convertible)
const CONVERSIONS = {
  // money to rial from data/money-units.json; no currency conversion is done (USD gives null)
  ...Object.fromEntries(
    Object.values(MONEY_UNITS).map((m) => [
      `${m.claimUnit}|${m.claimScale}|rial`,
      m.currency === 'IRR' ? m.factor : null,
    ]),
  ),
  'kW|null|MW': 1e-3,
  'MW|null|MW': 1,
};
function normalise(where, value, unit, scale, indicatorUnit) {
  if (value === null) return null;
  const key = `${unit}|${scale}|${indicatorUnit}`;
  if (key in CONVERSIONS) {
    const f = CONVERSIONS[key];
    if (f === null) return null;
    if (f === 1e-3) return value / 1000; // exact decimal for 300 kW → 0.3 MW
    return value * f;
  }
  if (unit === indicatorUnit && scale === null) return value;
  fail(
    `${where}: cannot normalise unit '${unit}' scale '${scale}' to indicator unit '${indicatorUnit}'`,
  );
  return null;
}

// ---------- main ----------
async function main() {
  const check = process.argv.includes('--check');
  const data = JSON.parse(readFileSync(CLAIMS_PATH, 'utf8'));
  const cur = await import(pathToFileURL(CURATION_PATH).href);
  for (const name of [
    'extraSources',
    'regions',
    'sectors',
    'indicators',
    'metricIndicator',
    'projects',
    'energyAssets',
    'plans',
    'planTargets',
    'claimOverrides',
    'unresolvedComparisons',
    'quantities',
    'scopeNotes',
    'indicatorTotals',
  ]) {
    if (!(name in cur)) fail(`curation.mjs does not export '${name}'`);
  }
  if (errors.length) return finish();

  // ----- sources -----
  const sources = [];
  for (const s of data.sources) {
    const where = `source '${s.id}'`;
    checkEnum(`${where} kind`, s.kind, ENUM.sourceKind);
    checkEnum(`${where} language`, s.language, ENUM.language);
    checkEnum(`${where} date_basis`, s.date_basis, ENUM.publishedBasis, true);
    checkDate(`${where} published`, s.published);
    checkText(`${where} publisher`, s.publisher);
    sources.push({
      slug: s.id,
      kind: s.kind,
      publisher: s.publisher,
      title_en: s.title_en ?? null,
      title_fa: null,
      url: s.url ?? null,
      language: s.language,
      published_on: s.published ?? null,
      published_basis: s.date_basis ?? null,
      note: s.note ?? null,
    });
  }
  for (const s of cur.extraSources) {
    checkKeys(`extra source '${s.slug}'`, s, [
      'slug',
      'kind',
      'publisher',
      'title_en',
      'title_fa',
      'url',
      'language',
      'published_on',
      'published_basis',
      'note',
    ]);
    checkEnum(`extra source '${s.slug}' kind`, s.kind, ENUM.sourceKind);
    checkEnum(`extra source '${s.slug}' language`, s.language, ENUM.language);
    checkDate(`extra source '${s.slug}' published_on`, s.published_on);
    sources.push({ title_fa: null, ...s });
  }
  const sourceBySlug = indexBySlug('sources', sources);
  const needSource = (where, slug, nullable = false) => {
    if ((slug === null || slug === undefined) && nullable) return;
    if (!sourceBySlug.has(slug)) fail(`${where}: unknown source '${slug}'`);
  };

  // ----- regions -----
  const regionBySlug = indexBySlug('regions', cur.regions);
  checkParents('region', cur.regions);
  const isoSeen = new Set();
  for (const r of cur.regions) {
    const where = `region '${r.slug}'`;
    checkKeys(where, r, [
      'slug',
      'kind',
      'parent',
      'iso_code',
      'name_fa',
      'name_en',
      'area_km2',
      'area_source',
    ]);
    checkEnum(`${where} kind`, r.kind, ENUM.regionKind);
    checkText(`${where} name_fa`, r.name_fa);
    checkText(`${where} name_en`, r.name_en);
    checkNumber(`${where} area_km2`, r.area_km2);
    if ((r.area_km2 == null) !== (r.area_source == null))
      fail(`${where}: area_km2 and area_source must both be set or both null`);
    if (r.area_km2 != null && !(r.area_km2 > 0)) fail(`${where}: area must be positive`);
    needSource(`${where} area_source`, r.area_source, true);
    if (r.iso_code != null) {
      if (isoSeen.has(r.iso_code)) fail(`${where}: duplicate iso_code`);
      isoSeen.add(r.iso_code);
    }
  }
  const needRegion = (where, slug) => {
    if (!regionBySlug.has(slug)) fail(`${where}: unknown region '${slug}'`);
  };

  // ----- sectors -----
  const sectorBySlug = indexBySlug('sectors', cur.sectors);
  checkParents('sector', cur.sectors);
  for (const s of cur.sectors) {
    checkKeys(`sector '${s.slug}'`, s, [
      'slug',
      'parent',
      'name_fa',
      'name_en',
      'isic_code',
      'named_in',
    ]);
    if (!Array.isArray(s.named_in) || s.named_in.length === 0) {
      fail(`sector '${s.slug}': named_in must list the sources that name it`);
    }
    for (const source of s.named_in) needSource(`sector '${s.slug}'`, source);
    checkText(`sector '${s.slug}' name_fa`, s.name_fa);
    checkText(`sector '${s.slug}' name_en`, s.name_en);
  }
  const needSector = (where, slug, nullable = false) => {
    if ((slug === null || slug === undefined) && nullable) return;
    if (!sectorBySlug.has(slug)) fail(`${where}: unknown sector '${slug}'`);
  };

  // ----- indicators -----
  const indicatorBySlug = indexBySlug('indicators', cur.indicators);
  for (const i of cur.indicators) {
    const where = `indicator '${i.slug}'`;
    checkKeys(where, i, ['slug', 'name_fa', 'name_en', 'unit', 'direction', 'description_en']);
    if (!/^[a-z][a-z0-9_]*$/.test(i.slug)) fail(`${where}: indicator slugs are snake_case`);
    checkText(`${where} name_fa`, i.name_fa);
    checkText(`${where} name_en`, i.name_en);
    checkText(`${where} unit`, i.unit);
    checkEnum(`${where} direction`, i.direction, ENUM.direction);
  }
  for (const [metric, slug] of Object.entries(cur.metricIndicator)) {
    if (!indicatorBySlug.has(slug))
      fail(`metricIndicator['${metric}']: unknown indicator '${slug}'`);
  }

  // ----- projects -----
  const projectBySlug = indexBySlug('projects', cur.projects);
  const PROJECT_FIELDS = [
    'slug',
    'region',
    'sector',
    'name_fa',
    'name_en',
    'description_fa',
    'description_en',
    'status',
    'progress_pct',
    'direct_jobs',
    'investment_amount',
    'investment_unit',
    'started_on',
    'opened_on',
    'financing',
    'investors',
    'source',
  ];
  for (const p of cur.projects) {
    const where = `project '${p.slug}'`;
    checkKeys(where, p, PROJECT_FIELDS);
    needRegion(where, p.region);
    needSector(where, p.sector, true);
    checkText(`${where} name_fa`, p.name_fa);
    checkText(`${where} name_en`, p.name_en);
    checkEnum(`${where} status`, p.status, ENUM.projectStatus);
    checkNumber(`${where} progress_pct`, p.progress_pct);
    checkNumber(`${where} direct_jobs`, p.direct_jobs);
    checkNumber(`${where} investment_amount`, p.investment_amount);
    checkEnum(`${where} investment_unit`, p.investment_unit, ENUM.investmentUnit, true);
    if ((p.investment_amount == null) !== (p.investment_unit == null))
      fail(`${where}: investment_amount and investment_unit go together`);
    checkEnum(`${where} financing`, p.financing, ENUM.financing, true);
    checkDate(`${where} started_on`, p.started_on);
    checkDate(`${where} opened_on`, p.opened_on);
    needSource(where, p.source);
  }

  // ----- energy assets -----
  const assetBySlug = indexBySlug('energy assets', cur.energyAssets);
  checkParents('energy asset', cur.energyAssets);
  const ASSET_FIELDS = [
    'slug',
    'parent',
    'phase',
    'region',
    'sector',
    'name_fa',
    'name_en',
    'location_fa',
    'location_en',
    'technology',
    'capacity_mw',
    'capacity_qualifier',
    'rating',
    'status',
    'owner',
    'financing',
    'started_on',
    'opened_on',
    'source',
  ];
  for (const a of cur.energyAssets) {
    const where = `energy asset '${a.slug}'`;
    checkKeys(where, a, ASSET_FIELDS);
    needRegion(where, a.region);
    needSector(where, a.sector, true);
    checkText(`${where} name_fa`, a.name_fa);
    checkText(`${where} name_en`, a.name_en);
    checkEnum(`${where} technology`, a.technology, ENUM.technology);
    checkEnum(`${where} rating`, a.rating, ENUM.rating);
    checkEnum(`${where} status`, a.status, ENUM.assetStatus);
    checkEnum(`${where} financing`, a.financing, ENUM.financing, true);
    checkNumber(`${where} capacity_mw`, a.capacity_mw);
    checkEnum(`${where} capacity_qualifier`, a.capacity_qualifier, ENUM.qualifier, true);
    if ((a.capacity_mw == null) !== (a.capacity_qualifier == null))
      fail(`${where}: capacity_qualifier is set exactly when capacity_mw is`);
    if (a.capacity_mw != null && !(a.capacity_mw > 0)) fail(`${where}: capacity must be positive`);
    if (a.phase != null && !(Number.isInteger(a.phase) && a.phase >= 1))
      fail(`${where}: phase must be an integer >= 1`);
    if ((a.phase != null) !== (a.parent != null))
      fail(`${where}: a phase needs a parent and a child needs a phase`);
    checkDate(`${where} started_on`, a.started_on);
    checkDate(`${where} opened_on`, a.opened_on);
    needSource(where, a.source);
  }

  // ----- plans -----
  const planBySlug = indexBySlug('plans', cur.plans);
  for (const p of cur.plans) {
    const where = `plan '${p.slug}'`;
    checkKeys(where, p, [
      'slug',
      'region',
      'kind',
      'name_fa',
      'name_en',
      'description_en',
      'status',
      'issued_on',
      'starts_on',
      'ends_on',
      'source',
    ]);
    needRegion(where, p.region);
    checkEnum(`${where} kind`, p.kind, ENUM.planKind);
    checkEnum(`${where} status`, p.status, ENUM.planStatus);
    for (const f of ['issued_on', 'starts_on', 'ends_on']) checkDate(`${where} ${f}`, p[f]);
    needSource(where, p.source);
  }

  // ----- claims -----
  const subjectRegion = (kind, slug) => {
    if (kind === 'region') return regionBySlug.get(slug)?.slug;
    if (kind === 'project') return projectBySlug.get(slug)?.region;
    if (kind === 'energy_asset') return assetBySlug.get(slug)?.region;
    if (kind === 'plan') return planBySlug.get(slug)?.region;
    if (kind === 'sector') return cur.sectorClaimRegion ?? 'qom';
    return undefined;
  };
  const subjectExists = (kind, slug) =>
    ({
      region: regionBySlug,
      project: projectBySlug,
      energy_asset: assetBySlug,
      sector: sectorBySlug,
      plan: planBySlug,
    })[kind]?.has(slug) ?? false;

  const OVERRIDE_FIELDS = [
    'subject',
    'region',
    'indicator',
    'measure',
    'as_of',
    'period_start',
    'period_end',
    'key',
    'preferred',
    'reason',
  ];
  const claimIds = new Set(data.claims.map((c) => c.id));
  for (const id of Object.keys(cur.claimOverrides)) {
    if (!claimIds.has(id)) fail(`claimOverrides['${id}']: no such claim in qom-claims.json`);
    checkKeys(`claimOverrides['${id}']`, cur.claimOverrides[id], OVERRIDE_FIELDS);
  }
  if (claimIds.size !== data.claims.length) fail('qom-claims.json: duplicate claim ids');

  const claims = [];
  for (const c of data.claims) {
    const o = cur.claimOverrides[c.id] ?? {};
    const where = `claim ${c.id}`;
    needSource(where, c.source_id);
    const src = sourceBySlug.get(c.source_id);

    // indicator
    let indicator = o.indicator;
    if (indicator === undefined) {
      indicator = cur.metricIndicator[c.metric];
      if (indicator === undefined)
        fail(`${where}: metric '${c.metric}' has no indicator mapping (add it to metricIndicator)`);
    }
    const ind = indicatorBySlug.get(indicator);
    if (indicator !== undefined && !ind) fail(`${where}: unknown indicator '${indicator}'`);

    // subject
    const [subjectKind, subjectSlug] = o.subject ?? ['region', 'qom'];
    checkEnum(`${where} subject kind`, subjectKind, ENUM.subjectKind);
    if (!subjectExists(subjectKind, subjectSlug))
      fail(`${where}: subject ${subjectKind} '${subjectSlug}' does not exist`);
    const region = o.region ?? subjectRegion(subjectKind, subjectSlug);
    if (region !== undefined) needRegion(where, region);
    // plant-level capacity belongs to assets; region-level solar aggregates to regions
    if (indicator === 'capacity_mw' && subjectKind !== 'energy_asset')
      fail(
        `${where}: capacity_mw is for energy assets; use a solar_capacity_* indicator for a region`,
      );
    if (indicator?.startsWith('solar_capacity_') && subjectKind !== 'region')
      fail(`${where}: ${indicator} is a region-level aggregate`);
    // the JSON's own place hints must agree with the chosen subject
    if (c.region?.place_en === 'Iran (national)' && region !== 'iran')
      fail(`${where}: a national figure must apply to region 'iran'`);

    // measure
    const defaultMeasure =
      c.status === 'target' || c.metric.startsWith('target_') ? 'target' : 'level';
    const measure = o.measure ?? defaultMeasure;
    checkEnum(`${where} measure`, measure, ENUM.measure);
    if (defaultMeasure === 'target' && measure !== 'target')
      fail(`${where}: a target claim must have measure 'target'`);

    // dates
    let asOf;
    if ('as_of' in o) asOf = o.as_of;
    else {
      const m = /\d{4}-\d{2}-\d{2}/.exec(c.period_or_asof ?? '');
      asOf = m ? m[0] : (src?.published_on ?? null);
    }
    const periodStart = o.period_start ?? null;
    const periodEnd = o.period_end ?? null;
    checkDate(`${where} as_of`, asOf);
    checkDate(`${where} period_start`, periodStart);
    checkDate(`${where} period_end`, periodEnd);
    if (periodStart && periodEnd && periodStart > periodEnd)
      fail(`${where}: period_start after period_end`);

    // value
    let value = c.value;
    let valueMax = null;
    if (Array.isArray(c.value)) {
      if (c.value.length !== 2 || c.qualifier !== 'range')
        fail(`${where}: a [min, max] value needs qualifier 'range'`);
      [value, valueMax] = c.value;
      if (!(valueMax >= value)) fail(`${where}: range max below min`);
    }
    checkNumber(`${where} value`, value);
    checkNumber(`${where} value_max`, valueMax);
    checkEnum(`${where} qualifier`, c.qualifier, ENUM.qualifier, true);
    checkEnum(`${where} status`, c.status, ENUM.reportedStatus, true);
    checkEnum(`${where} basis`, c.basis, ENUM.basis);
    const normalised = ind
      ? normalise(where, value, c.unit ?? null, c.scale ?? null, ind.unit)
      : null;
    const normalisedMax =
      ind && valueMax !== null
        ? normalise(where, valueMax, c.unit ?? null, c.scale ?? null, ind.unit)
        : null;
    const rating = c.unit === 'MW' || c.unit === 'kW' ? 'unknown' : null;

    // comparison
    const key = o.key ?? c.id;
    let preferred = o.preferred;
    let reason = o.reason;
    if (o.key === undefined && preferred === undefined) {
      preferred = true;
      reason = reason ?? 'Only report of this figure.';
    }
    if (typeof preferred !== 'boolean')
      fail(`${where}: a claim in comparison group '${key}' must say preferred: true or false`);
    if (preferred && !(typeof reason === 'string' && reason.trim()))
      fail(`${where}: a preferred claim needs a reason`);
    if (!preferred && reason !== undefined)
      fail(`${where}: reason given but claim is not preferred`);

    claims.push({
      slug: c.id,
      source: c.source_id,
      indicator,
      subjectKind,
      subjectSlug,
      region,
      value,
      valueMax,
      unit: c.unit ?? null,
      scale: c.scale ?? null,
      normalised,
      normalisedMax,
      qualifier: c.qualifier ?? null,
      measure,
      periodText: c.period_or_asof ?? null,
      asOf,
      periodStart,
      periodEnd,
      reportedStatus: c.status ?? null,
      rating,
      speakerFa: c.speaker?.fa ?? null,
      speakerEn: c.speaker?.en ?? null,
      keyPhraseFa: c.key_phrase_fa ?? null,
      noteEn: c.note_en ?? null,
      basis: c.basis,
      conflictGroup: c.conflict_group ?? null,
      key,
      preferred: preferred ? 1 : 0,
      reason: preferred ? reason : null,
    });
  }

  // one preferred claim per comparison group; a shared key must be explicit on every member
  const groups = new Map();
  for (const cl of claims) {
    const g = `${cl.indicator} | ${cl.subjectKind}:${cl.subjectSlug} | ${cl.key}`;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(cl);
  }
  for (const [g, members] of groups) {
    const n = members.filter((m) => m.preferred).length;
    const unresolved = cur.unresolvedComparisons[members[0].key];
    // a flow, a stock and a target are different quantities: one comparison holds one measure
    if (new Set(members.map((m) => m.measure)).size > 1)
      fail(
        `comparison group [${g}] mixes measures (${members.map((m) => `${m.slug}: ${m.measure}`).join(', ')})`,
      );
    if (unresolved !== undefined) {
      if (n > 0) fail(`comparison group [${g}] is listed as unresolved but has a preferred claim`);
      checkText(`unresolvedComparisons['${members[0].key}']`, unresolved);
      continue;
    }
    if (n === 0)
      fail(
        `comparison group [${g}] (${members.map((m) => m.slug).join(', ')}) has no preferred claim`,
      );
    if (n > 1)
      fail(
        `comparison group [${g}] has ${n} preferred claims: ${members
          .filter((m) => m.preferred)
          .map((m) => m.slug)
          .join(', ')}`,
      );
  }
  // a key shared across different indicators/subjects is almost certainly a typo
  const keyHome = new Map();
  for (const [g, members] of groups) {
    const k = members[0].key;
    if (keyHome.has(k) && keyHome.get(k) !== g)
      fail(`comparison key '${k}' is used in two groups: [${keyHome.get(k)}] and [${g}]`);
    keyHome.set(k, g);
  }
  for (const cl of claims) {
    if (
      cl.key !== cl.slug &&
      groups.get(`${cl.indicator} | ${cl.subjectKind}:${cl.subjectSlug} | ${cl.key}`).length < 2
    ) {
      fail(
        `claim ${cl.slug}: comparison key '${cl.key}' has no other member (check the subject/indicator of its rivals)`,
      );
    }
  }

  // ----- plan targets -----
  const claimBySlug = new Map(claims.map((c) => [c.slug, c]));
  indexBySlug('plan targets', cur.planTargets);
  for (const t of cur.planTargets) {
    const where = `plan target '${t.slug}'`;
    checkKeys(where, t, [
      'slug',
      'plan',
      'indicator',
      'region',
      'comparator',
      'target_value',
      'target_kind',
      'baseline_value',
      'baseline_on',
      'deadline_on',
      'claim',
      'description_fa',
      'description_en',
    ]);
    if (!planBySlug.has(t.plan)) fail(`${where}: unknown plan '${t.plan}'`);
    if (!indicatorBySlug.has(t.indicator)) fail(`${where}: unknown indicator '${t.indicator}'`);
    needRegion(where, t.region);
    checkEnum(`${where} comparator`, t.comparator, ENUM.comparator);
    checkEnum(`${where} target_kind`, t.target_kind, ENUM.targetKind);
    checkNumber(`${where} target_value`, t.target_value, false);
    checkNumber(`${where} baseline_value`, t.baseline_value);
    checkDate(`${where} baseline_on`, t.baseline_on);
    checkDate(`${where} deadline_on`, t.deadline_on);
    if (t.target_kind === 'increment' && t.baseline_on != null && t.baseline_value == null)
      fail(`${where}: baseline_on without baseline_value`);
    if (t.claim != null) {
      const cl = claimBySlug.get(t.claim);
      if (!cl) fail(`${where}: unknown claim '${t.claim}'`);
      else {
        if (cl.indicator !== t.indicator)
          fail(`${where}: claim ${t.claim} has indicator '${cl.indicator}', not '${t.indicator}'`);
        if (cl.measure !== 'target') fail(`${where}: claim ${t.claim} is not a target`);
        if (cl.value !== null && cl.value !== t.target_value)
          fail(
            `${where}: target_value ${t.target_value} differs from claim ${t.claim}'s ${cl.value}`,
          );
      }
    }
  }

  const links = claimLinks(cur, claims, claimBySlug, indicatorBySlug, fail);
  for (const a of cur.energyAssets) {
    // a capacity stated as a bound keeps its qualifier (c150: "more than 570" MW)
    for (const c of claims) {
      if (c.subjectKind !== 'energy_asset' || c.subjectSlug !== a.slug) continue;
      if (c.indicator !== 'capacity_mw' || c.measure !== 'level') continue;
      if (c.normalised === a.capacity_mw && (c.qualifier ?? 'exact') !== a.capacity_qualifier)
        fail(
          `energy asset '${a.slug}': capacity ${a.capacity_mw} is '${c.qualifier}' in ${c.slug}, not '${a.capacity_qualifier}'`,
        );
    }
  }
  if (errors.length) return finish();

  // ---------- SQL ----------
  const out = [];
  // The header keeps this script's path from before scripts/ was grouped: the committed
  // migration is never edited, and --check compares it byte for byte.
  out.push('-- Real seed data for Qom province, generated by scripts/build-seed.mjs');
  out.push('-- from data/qom/qom-claims.json and data/qom/curation.mjs. Do not edit by hand:');
  out.push('-- change the inputs and run `node scripts/build-seed.mjs`.');
  out.push('-- Figures are as reported; unknown is NULL; every figure carries its source.');
  const section = (title) => out.push('', `-- ${title}`);

  section(`sources (${sources.length})`);
  for (const s of sources) {
    out.push(
      insert('sources', {
        slug: sqlStr(s.slug),
        kind: sqlStr(s.kind),
        publisher: sqlStr(s.publisher),
        title_en: sqlStr(s.title_en),
        title_fa: sqlStr(s.title_fa),
        url: sqlStr(s.url),
        language: sqlStr(s.language),
        published_on: sqlStr(s.published_on),
        published_basis: sqlStr(s.published_basis),
        note: sqlStr(s.note),
      }),
    );
  }
  section(`regions (${cur.regions.length})`);
  for (const r of cur.regions) {
    out.push(
      insert('regions', {
        slug: sqlStr(r.slug),
        kind: sqlStr(r.kind),
        parent_id: ref('regions', r.parent),
        iso_code: sqlStr(r.iso_code),
        name_fa: sqlStr(r.name_fa),
        name_en: sqlStr(r.name_en),
        area_km2: sqlNum(r.area_km2),
        area_source_id: ref('sources', r.area_source),
      }),
    );
  }
  section(`sectors (${cur.sectors.length})`);
  for (const s of cur.sectors) {
    out.push(
      insert('sectors', {
        slug: sqlStr(s.slug),
        parent_id: ref('sectors', s.parent),
        name_fa: sqlStr(s.name_fa),
        name_en: sqlStr(s.name_en),
        isic_code: sqlStr(s.isic_code),
      }),
    );
  }
  section('sources that name each sector');
  for (const s of cur.sectors) {
    for (const source of s.named_in) {
      out.push(
        insert('sector_sources', {
          sector_id: ref('sectors', s.slug),
          source_id: ref('sources', source),
        }),
      );
    }
  }
  section(`indicators (${cur.indicators.length})`);
  for (const i of cur.indicators) {
    out.push(
      insert('indicators', {
        slug: sqlStr(i.slug),
        name_fa: sqlStr(i.name_fa),
        name_en: sqlStr(i.name_en),
        unit: sqlStr(i.unit),
        direction: sqlStr(i.direction),
        description_en: sqlStr(i.description_en),
      }),
    );
  }
  section(`projects (${cur.projects.length})`);
  for (const p of cur.projects) {
    out.push(
      insert('projects', {
        slug: sqlStr(p.slug),
        region_id: ref('regions', p.region),
        sector_id: ref('sectors', p.sector),
        name_fa: sqlStr(p.name_fa),
        name_en: sqlStr(p.name_en),
        description_fa: sqlStr(p.description_fa),
        description_en: sqlStr(p.description_en),
        status: sqlStr(p.status),
        progress_pct: sqlNum(p.progress_pct),
        direct_jobs: sqlNum(p.direct_jobs),
        investment_amount: sqlNum(p.investment_amount),
        investment_unit: sqlStr(p.investment_unit),
        started_on: sqlStr(p.started_on),
        opened_on: sqlStr(p.opened_on),
        financing: sqlStr(p.financing),
        investors: sqlStr(p.investors),
        source_id: ref('sources', p.source),
      }),
    );
  }
  section(`energy assets (${cur.energyAssets.length})`);
  for (const a of cur.energyAssets) {
    out.push(
      insert('energy_assets', {
        slug: sqlStr(a.slug),
        parent_id: ref('energy_assets', a.parent),
        phase: sqlNum(a.phase),
        region_id: ref('regions', a.region),
        sector_id: ref('sectors', a.sector),
        name_fa: sqlStr(a.name_fa),
        name_en: sqlStr(a.name_en),
        location_fa: sqlStr(a.location_fa),
        location_en: sqlStr(a.location_en),
        technology: sqlStr(a.technology),
        capacity_mw: sqlNum(a.capacity_mw),
        rating: sqlStr(a.rating),
        status: sqlStr(a.status),
        owner: sqlStr(a.owner),
        financing: sqlStr(a.financing),
        started_on: sqlStr(a.started_on),
        opened_on: sqlStr(a.opened_on),
        source_id: ref('sources', a.source),
      }),
    );
  }
  section(`plans (${cur.plans.length})`);
  for (const p of cur.plans) {
    out.push(
      insert('plans', {
        slug: sqlStr(p.slug),
        region_id: ref('regions', p.region),
        kind: sqlStr(p.kind),
        name_fa: sqlStr(p.name_fa),
        name_en: sqlStr(p.name_en),
        description_en: sqlStr(p.description_en),
        status: sqlStr(p.status),
        issued_on: sqlStr(p.issued_on),
        starts_on: sqlStr(p.starts_on),
        ends_on: sqlStr(p.ends_on),
        source_id: ref('sources', p.source),
      }),
    );
  }
  section(`claims (${claims.length})`);
  for (const c of claims) {
    out.push(
      insert('claims', {
        slug: sqlStr(c.slug),
        source_id: ref('sources', c.source),
        indicator_id: ref('indicators', c.indicator),
        subject_kind: sqlStr(c.subjectKind),
        subject_id: ref(SUBJECT_TABLE[c.subjectKind], c.subjectSlug),
        region_id: ref('regions', c.region),
        value: sqlNum(c.value),
        value_max: sqlNum(c.valueMax),
        unit: sqlStr(c.unit),
        scale: sqlStr(c.scale),
        normalised_value: sqlNum(c.normalised),
        normalised_value_max: sqlNum(c.normalisedMax),
        qualifier: sqlStr(c.qualifier),
        measure: sqlStr(c.measure),
        period_text: sqlStr(c.periodText),
        as_of: sqlStr(c.asOf),
        period_start: sqlStr(c.periodStart),
        period_end: sqlStr(c.periodEnd),
        reported_status: sqlStr(c.reportedStatus),
        rating: sqlStr(c.rating),
        speaker_fa: sqlStr(c.speakerFa),
        speaker_en: sqlStr(c.speakerEn),
        key_phrase_fa: sqlStr(c.keyPhraseFa),
        note_en: sqlStr(c.noteEn),
        basis: sqlStr(c.basis),
        conflict_group: sqlStr(c.conflictGroup),
        comparison_key: sqlStr(c.key),
        preferred: sqlNum(c.preferred),
        preferred_reason: sqlStr(c.reason),
      }),
    );
  }
  section(`plan targets (${cur.planTargets.length})`);
  for (const t of cur.planTargets) {
    out.push(
      insert('plan_targets', {
        slug: sqlStr(t.slug),
        plan_id: ref('plans', t.plan),
        indicator_id: ref('indicators', t.indicator),
        region_id: ref('regions', t.region),
        comparator: sqlStr(t.comparator),
        target_value: sqlNum(t.target_value),
        target_kind: sqlStr(t.target_kind),
        baseline_value: sqlNum(t.baseline_value),
        baseline_on: sqlStr(t.baseline_on),
        deadline_on: sqlStr(t.deadline_on),
        description_fa: sqlStr(t.description_fa),
        description_en: sqlStr(t.description_en),
        claim_id: ref('claims', t.claim),
      }),
    );
  }
  const sql = `${out.join('\n')}\n`;
  for (const line of out) {
    if (Buffer.byteLength(line, 'utf8') > MAX_STATEMENT_BYTES)
      fail(`statement over ${MAX_STATEMENT_BYTES} bytes: ${line.slice(0, 80)}...`);
  }
  if (errors.length) return finish();

  for (const t of cur.indicatorTotals) {
    const where = `indicatorTotals '${t.indicator}'`;
    if (!indicatorBySlug.has(t.indicator)) fail(`${where}: unknown indicator`);
    checkEnum(`${where} entity`, t.entity, ['project', 'energy_asset']);
    checkEnum(
      `${where} status`,
      t.status,
      t.entity === 'project' ? ENUM.projectStatus : ENUM.assetStatus,
    );
    if (t.entity === 'project' && t.technology != null)
      fail(`${where}: projects have no technology`);
    checkEnum(`${where} technology`, t.technology, ENUM.technology, true);
  }
  if (errors.length) return finish();
  const linksText = linksSql(links, cur.energyAssets, cur.indicatorTotals);
  if (check) {
    for (const [path, text] of [
      [OUT_PATH, sql],
      [LINKS_PATH, linksText],
    ]) {
      const rel = relative(ROOT, path);
      const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
      if (current !== text) {
        console.error(`${rel} is out of date: run \`npm run seed:build\` and commit the result.`);
        process.exit(1);
      }
    }
    console.log(
      `${relative(ROOT, OUT_PATH)} and ${relative(ROOT, LINKS_PATH)} are up to date (${sources.length} sources, ${claims.length} claims).`,
    );
    return;
  }
  const rel = relative(ROOT, OUT_PATH);
  writeFileSync(OUT_PATH, sql);
  writeFileSync(LINKS_PATH, linksText);
  console.log(
    `wrote ${rel}: ${sources.length} sources, ${cur.regions.length} regions, ${cur.sectors.length} sectors, ${cur.indicators.length} indicators, ${cur.projects.length} projects, ${cur.energyAssets.length} energy assets, ${cur.plans.length} plans, ${claims.length} claims, ${cur.planTargets.length} plan targets`,
  );
}

function finish() {
  console.error(`build-seed: ${errors.length} problem(s) in the seed input:`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
