#!/usr/bin/env node
// Generates a deterministic, country-sized SYNTHETIC data set (every row synthetic = 1) for load
// and query-plan testing, and loads it into the local D1 database that `wrangler dev` and
// `wrangler d1 execute DB --local` use.
//
//   node scripts/data/generate-synthetic.mjs                 # defaults: 31 provinces, 394 counties,
//                                                            # 100,000 projects, 20,000 energy assets,
//                                                            # 200,000 claims, seed "ostan"
//   node scripts/data/generate-synthetic.mjs --projects 1000000 --replace
//   node scripts/data/generate-synthetic.mjs --projects 500 --energy 100 --claims 1000 --sql-out /tmp/syn.sql
//
// Flags:
//   --projects N --energy N --claims N --seed S   sizes and PRNG seed (same flags => identical data)
//   --provinces N       synthetic provinces (default 31), each with 10-15 synthetic counties
//   --persist-to DIR    wrangler's local state directory (default: .wrangler/state in the project)
//   --database NAME     D1 binding or database_name in wrangler.toml (default: DB)
//   --replace           delete existing synthetic rows first (otherwise refuse if any exist)
//   --skip-migrations   do not run `wrangler d1 migrations apply DB --local` first
//   --no-search-index   do not add search_index rows for the synthetic rows (they are added by
//                       default, normalised by src/lib/persian-core.js, as the application does)
//   --sql-out FILE      write SQL (multi-row INSERTs, foreign keys as slug subqueries) instead of
//                       loading; run it with `wrangler d1 execute DB --local --file FILE`. Needs no
//                       database and no better-sqlite3, but loads far more slowly.
//
// Loading writes straight into the miniflare SQLite file with better-sqlite3 (one transaction,
// prepared statements, foreign keys and CHECK constraints enforced), then runs ANALYZE.
// Stop `wrangler dev` (and any vitest run using the same state directory) while it runs.
import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// the application's own search-text normalisation, so synthetic rows are searchable like real ones
import { SEARCH_KINDS, searchDocuments, searchRowIdRange } from '../../src/lib/persian-core.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MONEY_UNITS = JSON.parse(
  readFileSync(join(projectRoot, 'data', 'money-units.json'), 'utf8'),
).units;

// ---------------------------------------------------------------------------------------------
// Flags

function parseArgs(argv) {
  const opts = {
    projects: 100_000,
    energy: 20_000,
    claims: 200_000,
    provinces: 31,
    seed: 'ostan',
    persistTo: null,
    database: 'DB',
    replace: false,
    skipMigrations: false,
    searchIndex: true,
    sqlOut: null,
  };
  const ints = {
    '--projects': 'projects',
    '--energy': 'energy',
    '--claims': 'claims',
    '--provinces': 'provinces',
  };
  const strings = {
    '--seed': 'seed',
    '--persist-to': 'persistTo',
    '--database': 'database',
    '--sql-out': 'sqlOut',
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg in ints) {
      const raw = take().replaceAll('_', '');
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) fail(`${arg} must be a non-negative integer, got ${raw}`);
      opts[ints[arg]] = n;
    } else if (arg in strings) {
      opts[strings[arg]] = take();
    } else if (arg === '--replace') {
      opts.replace = true;
    } else if (arg === '--no-search-index') {
      opts.searchIndex = false;
    } else if (arg === '--skip-migrations') {
      opts.skipMigrations = true;
    } else if (arg === '--help' || arg === '-h') {
      const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0];
      console.log(header.replace(/^#!.*\n/, '').replace(/^\/\/ ?/gm, ''));
      process.exit(0);
    } else {
      fail(`unknown argument ${arg} (try --help)`);
    }
  }
  if (opts.provinces < 1 || opts.provinces > 99) fail('--provinces must be between 1 and 99');
  if (opts.projects > 9_999_999 || opts.energy > 9_999_999 || opts.claims > 9_999_999) {
    fail('at most 9,999,999 rows per table (slugs are zero-padded to 7 digits)');
  }
  if (opts.claims > 0 && opts.projects === 0 && opts.energy === 0 && opts.provinces === 0) {
    fail('claims need subjects');
  }
  return opts;
}

function fail(message) {
  console.error(`generate-synthetic: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG: sfc32 seeded from cyrb128(seed + stream name). Each table has its own
// stream, so e.g. the first 1,000 projects are the same whatever --projects or --claims is.

function cyrb128(str) {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

class Rng {
  constructor(seed, stream) {
    [this.a, this.b, this.c, this.d] = cyrb128(`${seed}\u0000${stream}`);
    for (let i = 0; i < 16; i++) this.next();
  }
  /** uniform in [0, 1) (sfc32) */
  next() {
    this.a |= 0;
    this.b |= 0;
    this.c |= 0;
    this.d |= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  /** log-uniform in [lo, hi] */
  logUniform(lo, hi) {
    return lo * Math.exp(this.next() * Math.log(hi / lo));
  }
  /** picks from a Weighted table */
  pick(table) {
    const r = this.next() * table.total;
    const { cum, items } = table;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  }
}

/** [[item, weight], ...] -> table for Rng.pick */
// the closed code lists of the data (src/db/code-lists.json), which the API, exports and writes read
const CODE_LISTS = JSON.parse(
  readFileSync(join(projectRoot, 'src', 'db', 'code-lists.json'), 'utf8'),
);

/** `weighted` over codes of one code list; a code the list does not have is a bug here. */
function weightedCodes(list, pairs) {
  const known = CODE_LISTS[list]?.codes ?? {};
  for (const [code] of pairs) {
    if (code !== null && !Object.hasOwn(known, code)) {
      throw new Error(`generate-synthetic: "${code}" is not in the ${list} code list`);
    }
  }
  return weighted(pairs);
}

function weighted(pairs) {
  const items = [];
  const cum = new Float64Array(pairs.length);
  let total = 0;
  pairs.forEach(([item, w], i) => {
    items.push(item);
    total += w;
    cum[i] = total;
  });
  return { items, cum, total };
}

const round = (x, digits) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const pad = (n, width) => String(n).padStart(width, '0');
const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const faDigits = (s) => String(s).replace(/[0-9]/g, (d) => FA_DIGITS[d]);

// every day from 2015-01-01 to 2026-12-31
const DATES = [];
for (let t = Date.UTC(2015, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
  DATES.push(new Date(t).toISOString().slice(0, 10));
}
const LAST_DAY = DATES.length - 1;

// fixed timestamps keep the output byte-identical between runs
const STAMP = '2026-01-01T00:00:00.000Z';

// ---------------------------------------------------------------------------------------------
// Reference data the synthetic rows point at (all from the real seed, looked up by slug)

const COUNTRY_SLUG = 'iran';
const SOURCE_SLUG = 'ostan-synthetic-generator';

const PROJECT_SECTORS = weighted([
  ['industry', 14],
  ['health-hygiene-products', 3],
  ['footwear', 2],
  ['construction-materials', 5],
  ['wallpaper', 1],
  ['home-appliances', 3],
  ['motorcycles', 1],
  ['protein-products', 3],
  ['tourism', 8],
  ['agriculture', 12],
  ['services', 12],
  ['energy', 4],
  ['solar-power', 6],
  ['housing', 10],
  ['transport-infrastructure', 6],
  [null, 5],
]);
const SECTOR_SLUGS = PROJECT_SECTORS.items.filter(Boolean);

// value generators for claims; kind decides unit, scale and normalisation
const INDICATORS = {
  // regions
  unemployment_rate_percent: { kind: 'percent', lo: 3, hi: 22 },
  labour_participation_rate_percent: { kind: 'percent', lo: 30, hi: 50 },
  inflation_rate_percent: { kind: 'percent', lo: 8, hi: 60 },
  population: { kind: 'count', unit: 'persons', lo: 20_000, hi: 9_000_000 },
  projects_opened: { kind: 'count', lo: 3, hi: 400 },
  unfinished_projects: { kind: 'count', lo: 20, hi: 4_000 },
  production_units: { kind: 'count', lo: 30, hi: 8_000 },
  units_revived: { kind: 'count', lo: 1, hi: 500 },
  industrial_towns: { kind: 'count', lo: 1, hi: 25 },
  tourism_beds: { kind: 'count', unit: 'beds', lo: 100, hi: 40_000 },
  housing_units_under_construction: { kind: 'count', lo: 500, hi: 120_000 },
  bank_facilities: { kind: 'money' },
  export_value: { kind: 'money' },
  solar_capacity_operational_mw: { kind: 'mw', lo: 0.5, hi: 900 },
  solar_capacity_under_construction_mw: { kind: 'mw', lo: 1, hi: 1_500 },
  peak_demand_mw: { kind: 'mw', lo: 50, hi: 6_000 },
  blackout_days_industry: { kind: 'count', unit: 'days', lo: 1, hi: 90 },
  // projects (and some for regions / assets)
  progress_percent: { kind: 'percent', lo: 0, hi: 100 },
  jobs_created: { kind: 'count', lo: 1, hi: 3_000 },
  job_commitment: { kind: 'count', lo: 5, hi: 5_000 },
  workers: { kind: 'count', lo: 2, hi: 2_500 },
  time_to_completion_months: { kind: 'count', unit: 'months', lo: 1, hi: 60 },
  investment: { kind: 'money' },
  // energy assets
  capacity_mw: { kind: 'mw', lo: 0.1, hi: 600 },
  households_supplied: { kind: 'count', unit: 'households', lo: 50, hi: 400_000 },
  site_area_hectare: { kind: 'count', unit: 'hectare', lo: 1, hi: 1_200 },
};
const INDICATOR_SLUGS = Object.keys(INDICATORS);
const REGION_INDICATORS = weighted([
  ['unemployment_rate_percent', 6],
  ['labour_participation_rate_percent', 3],
  ['inflation_rate_percent', 3],
  ['population', 5],
  ['projects_opened', 6],
  ['unfinished_projects', 4],
  ['production_units', 3],
  ['units_revived', 3],
  ['industrial_towns', 1],
  ['tourism_beds', 2],
  ['housing_units_under_construction', 3],
  ['bank_facilities', 3],
  ['export_value', 3],
  ['investment', 5],
  ['jobs_created', 6],
  ['solar_capacity_operational_mw', 5],
  ['solar_capacity_under_construction_mw', 3],
  ['peak_demand_mw', 2],
  ['blackout_days_industry', 1],
]);
const PROJECT_INDICATORS = weighted([
  ['progress_percent', 30],
  ['jobs_created', 20],
  ['job_commitment', 8],
  ['workers', 5],
  ['time_to_completion_months', 7],
  ['investment', 30],
]);
const ENERGY_INDICATORS = weighted([
  ['capacity_mw', 60],
  ['households_supplied', 10],
  ['site_area_hectare', 8],
  ['investment', 15],
  ['progress_percent', 7],
]);

// ---------------------------------------------------------------------------------------------
// SQL values. A Ref is a foreign key: a number when loading directly, a slug subquery in SQL.

class Sql {
  constructor(text) {
    this.text = text;
  }
}
const sqlQuote = (s) => `'${String(s).replaceAll("'", "''")}'`;
function sqlValue(v) {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`non-finite number ${v}`);
    return String(v);
  }
  if (v instanceof Sql) return v.text;
  return sqlQuote(v);
}

const COLUMNS = {
  sources: ['slug', 'kind', 'publisher', 'title_en', 'title_fa', 'url', 'language', 'note'],
  regions: ['slug', 'kind', 'parent_id', 'name_fa', 'name_en', 'area_km2', 'area_source_id'],
  projects: [
    'slug',
    'region_id',
    'sector_id',
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
    'source_id',
  ],
  energy_assets: [
    'slug',
    'parent_id',
    'phase',
    'region_id',
    'sector_id',
    'name_fa',
    'name_en',
    'location_fa',
    'location_en',
    'technology',
    'capacity_mw',
    'rating',
    'status',
    'owner',
    'financing',
    'started_on',
    'opened_on',
    'source_id',
  ],
  claims: [
    'slug',
    'source_id',
    'indicator_id',
    'subject_kind',
    'subject_id',
    'region_id',
    'value',
    'value_max',
    'unit',
    'scale',
    'normalised_value',
    'normalised_value_max',
    'qualifier',
    'measure',
    'period_text',
    'as_of',
    'period_start',
    'period_end',
    'reported_status',
    'rating',
    'speaker_fa',
    'speaker_en',
    'key_phrase_fa',
    'note_en',
    'basis',
    'conflict_group',
    'comparison_key',
    'preferred',
    'preferred_reason',
  ],
};
// every row also gets these, constant
const TAIL_COLUMNS = ['synthetic', 'version', 'created_at', 'updated_at'];
const TAIL_VALUES = [1, 1, STAMP, STAMP];

// search_index kind per table, and where each searched field sits in COLUMNS
const SEARCH = {};
for (const [kind, info] of Object.entries(SEARCH_KINDS)) {
  if (!COLUMNS[info.table]) continue;
  const positions = info.fields.map((f) => COLUMNS[info.table].indexOf(f));
  if (positions.includes(-1))
    throw new Error(`search field of ${kind} not generated: ${info.fields}`);
  SEARCH[info.table] = { kind, fields: info.fields, positions };
}
function searchDocs(table, values) {
  const info = SEARCH[table];
  const fieldValues = {};
  info.fields.forEach((f, i) => {
    fieldValues[f] = values[info.positions[i]];
  });
  return searchDocuments(info.kind, fieldValues);
}

// tables with a synthetic column, children before parents (the order rows are deleted in)
const SYNTHETIC_TABLES = [
  'claims',
  'plan_targets',
  'plans',
  'energy_assets',
  'projects',
  'regions',
  'sectors',
  'sources',
];

// ---------------------------------------------------------------------------------------------
// Generators. They call out.insert(table, values) -> id (or null in SQL mode) and out.ref.*().

function generateSource(out, opts) {
  const id = out.insert('sources', [
    SOURCE_SLUG,
    'synthetic',
    'Ostan synthetic data generator (not reported data)',
    'Synthetic data set for load testing (not reported data)',
    'داده‌های ساختگی برای آزمون بار (داده گزارش‌شده نیست)',
    null,
    'en',
    `Generated by scripts/data/generate-synthetic.mjs with seed ${JSON.stringify(opts.seed)}. ` +
      'Every row with synthetic = 1 is invented; none of it was reported by anyone.',
  ]);
  out.setSource(id);
}

/** -> [{ slug, kind, provinceIndex }] in insertion order; weights for picking regions */
function generateRegions(out, opts) {
  const rng = new Rng(opts.seed, 'regions');
  const regions = [];
  for (let p = 1; p <= opts.provinces; p++) {
    const pp = pad(p, 2);
    const provinceArea = Math.round(rng.logUniform(5_000, 180_000));
    const province = {
      slug: `syn-province-${pp}`,
      kind: 'province',
      weight: rng.logUniform(1, 12),
    };
    const provinceIndex = regions.length;
    regions.push(province);
    province.index = provinceIndex;
    out.insertRegion(provinceIndex, [
      province.slug,
      'province',
      out.ref.country(),
      `استان ساختگی ${faDigits(pp)}`,
      `Synthetic province ${pp}`,
      provinceArea,
      out.ref.source(),
    ]);
    const counties = rng.int(10, 15);
    for (let c = 1; c <= counties; c++) {
      const cc = pad(c, 2);
      const county = { slug: `syn-county-${pp}-${cc}`, kind: 'county', province: provinceIndex };
      const index = regions.length;
      county.index = index;
      county.weight = province.weight * rng.logUniform(0.2, 3);
      regions.push(county);
      const area = rng.chance(0.7)
        ? round((provinceArea / counties) * rng.logUniform(0.4, 2.5), 1)
        : null;
      out.insertRegion(index, [
        county.slug,
        'county',
        out.ref.region(provinceIndex),
        `شهرستان ساختگی ${faDigits(cc)} در استان ساختگی ${faDigits(pp)}`,
        `Synthetic county ${pp}-${cc}`,
        area,
        area === null ? null : out.ref.source(),
      ]);
    }
  }
  // projects and assets sit in a county (88%) or directly in a province (12%), weighted by size
  const total = (kind) =>
    regions.filter((r) => r.kind === kind).reduce((sum, r) => sum + r.weight, 0);
  const countyTotal = total('county');
  const provinceTotal = total('province');
  const pairs = regions.map((r) => [
    r.index,
    r.kind === 'county' ? (0.88 * r.weight) / countyTotal : (0.12 * r.weight) / provinceTotal,
  ]);
  return {
    regions,
    pick: weighted(pairs),
    subjectPick: weighted(regions.map((r) => [r.index, r.kind === 'province' ? 4 : 1])),
  };
}

const PROJECT_STATUS = weightedCodes('projectStatuses', [
  ['operational', 34],
  ['under_construction', 36],
  ['planned', 15],
  ['suspended', 10],
  ['cancelled', 5],
]);
const FINANCING = weightedCodes('financings', [
  ['private', 45],
  ['public', 25],
  ['bank', 14],
  ['mixed', 11],
  [null, 5],
]);
/** Decimals an amount is rounded to in each unit the generator reports money in. */
const MONEY_DECIMALS = { billion_toman: 1, billion_rial: 0, hemat: 2 };
/** An amount of billion toman in `unit`, rounded, never rounded down to 0. */
function moneyIn(billionToman, unit) {
  const amount = (billionToman * MONEY_UNITS.billion_toman.factor) / MONEY_UNITS[unit].factor;
  const decimals = MONEY_DECIMALS[unit];
  return round(Math.max(10 ** -decimals, amount), decimals);
}
const INVESTMENT_UNIT = weightedCodes('moneyUnits', [
  ['billion_toman', 50],
  ['billion_rial', 38],
  ['hemat', 12],
]);
const PROJECT_KINDS = [
  ['کارخانه', 'factory'],
  ['طرح توسعه', 'expansion plan'],
  ['واحد تولیدی', 'production unit'],
  ['طرح زیربنایی', 'infrastructure works'],
  ['مجتمع', 'complex'],
];

/** a start date and (if opened) an opening date; started may be null */
function dates(rng, opened, pStartNull) {
  if (rng.chance(pStartNull)) {
    return [null, opened ? DATES[rng.int(365, LAST_DAY)] : null];
  }
  const start = rng.int(0, LAST_DAY - (opened ? 90 : 0));
  const open = opened ? Math.min(LAST_DAY, start + rng.int(90, 1_800)) : null;
  return [DATES[start], open === null ? null : DATES[open]];
}

function generateProjects(out, opts, geo) {
  const rng = new Rng(opts.seed, 'projects');
  const projectRegion = new Int32Array(opts.projects);
  for (let i = 0; i < opts.projects; i++) {
    const n = i + 1;
    const region = rng.pick(geo.pick);
    projectRegion[i] = region;
    const sector = rng.pick(PROJECT_SECTORS);
    const status = rng.pick(PROJECT_STATUS);
    let progress;
    switch (status) {
      case 'operational':
        progress = rng.chance(0.75) ? 100 : null;
        break;
      case 'under_construction':
        progress = rng.chance(0.7) ? rng.int(3, 97) : null;
        break;
      case 'planned':
        progress = rng.chance(0.4) ? 0 : null;
        break;
      case 'suspended':
        progress = rng.chance(0.6) ? rng.int(5, 85) : null;
        break;
      default:
        progress = rng.chance(0.5) ? rng.int(0, 40) : null;
    }
    if (progress !== null && status === 'under_construction' && rng.chance(0.3))
      progress = round(progress + rng.next(), 1);
    const jobs = rng.chance(0.35) ? null : Math.round(rng.logUniform(1, 2_500));
    let amount = null;
    let unit = null;
    if (!rng.chance(0.25)) {
      unit = rng.pick(INVESTMENT_UNIT);
      amount = moneyIn(rng.logUniform(0.5, 20_000), unit);
    }
    const [startedOn, openedOn] = dates(rng, status === 'operational', 0.2);
    const [kindFa, kindEn] = PROJECT_KINDS[rng.int(0, PROJECT_KINDS.length - 1)];
    const investors = rng.chance(0.25) ? `Synthetic investor ${rng.int(1, 5_000)}` : null;
    const financing = rng.pick(FINANCING);
    const id = out.insert('projects', [
      `syn-project-${pad(n, 7)}`,
      out.ref.region(region),
      sector === null ? null : out.ref.sector(sector),
      `پروژه ساختگی ${faDigits(n)}`,
      `Synthetic project ${n}`,
      `${kindFa} ساختگی برای آزمون بار؛ داده گزارش‌شده نیست.`,
      `Synthetic ${kindEn} for load testing; not reported data.`,
      status,
      progress,
      jobs,
      amount,
      unit,
      startedOn,
      openedOn,
      financing,
      investors,
      out.ref.source(),
    ]);
    out.setProject(i, id);
  }
  return projectRegion;
}

const TECHNOLOGY = weightedCodes('technologies', [
  ['solar_pv', 82],
  ['wind', 5],
  ['gas', 4],
  ['combined_cycle', 2],
  ['chp', 3],
  ['hydro', 2],
  ['other', 2],
]);
const RATING = weightedCodes('ratings', [
  ['unknown', 50],
  ['ac', 28],
  ['dc', 22],
]);
const ENERGY_STATUS = weightedCodes('energyStatuses', [
  ['operational', 42],
  ['under_construction', 26],
  ['licensed', 18],
  ['planned', 14],
]);
const TECH_NAMES = {
  solar_pv: ['نیروگاه خورشیدی ساختگی', 'Synthetic solar plant'],
  wind: ['نیروگاه بادی ساختگی', 'Synthetic wind farm'],
  gas: ['نیروگاه گازی ساختگی', 'Synthetic gas plant'],
  combined_cycle: ['نیروگاه سیکل ترکیبی ساختگی', 'Synthetic combined-cycle plant'],
  chp: ['نیروگاه تولید همزمان ساختگی', 'Synthetic CHP plant'],
  hydro: ['نیروگاه برق‌آبی ساختگی', 'Synthetic hydro plant'],
  other: ['نیروگاه ساختگی', 'Synthetic power plant'],
};
const CAPACITY = {
  solar_pv: [0.1, 600],
  wind: [2, 250],
  gas: [25, 600],
  combined_cycle: [160, 600],
  chp: [0.5, 60],
  hydro: [1, 600],
  other: [0.1, 50],
};

function generateEnergy(out, opts, geo) {
  const rng = new Rng(opts.seed, 'energy_assets');
  const energyRegion = new Int32Array(opts.energy);
  let i = 0;
  while (i < opts.energy) {
    const region = rng.pick(geo.pick);
    const technology = rng.pick(TECHNOLOGY);
    const sector = technology === 'solar_pv' ? 'solar-power' : 'energy';
    const [capLo, capHi] = CAPACITY[technology];
    const rating =
      technology === 'solar_pv' ? rng.pick(RATING) : rng.chance(0.8) ? 'unknown' : 'ac';
    const owner = rng.chance(0.4) ? `Synthetic owner ${rng.int(1, 3_000)}` : null;
    const financing = rng.pick(FINANCING);
    // ~6% are phased plants: a parent plus 2-4 phases (each a row of its own)
    const phases = rng.chance(0.06) ? Math.min(rng.int(2, 4), opts.energy - i - 1) : 0;
    const parentIndex = i;
    const location = rng.chance(0.3) ? rng.int(1, 250) : null;
    for (let phase = 0; phase <= phases; phase++, i++) {
      const n = i + 1;
      const status = rng.pick(ENERGY_STATUS);
      const capacity = rng.chance(0.05)
        ? null
        : round(Math.min(capHi, rng.logUniform(capLo, capHi)), capLo < 1 ? 2 : 1);
      const [startedOn, openedOn] = dates(rng, status === 'operational', 0.35);
      const [nameFa, nameEn] = TECH_NAMES[technology];
      energyRegion[i] = region;
      const id = out.insert('energy_assets', [
        `syn-energy-${pad(n, 7)}`,
        phase === 0 ? null : out.ref.energy(parentIndex),
        phase === 0 ? null : phase,
        out.ref.region(region),
        out.ref.sector(sector),
        phase === 0
          ? `${nameFa} ${faDigits(n)}`
          : `فاز ${faDigits(phase)} ${nameFa} ${faDigits(parentIndex + 1)}`,
        phase === 0 ? `${nameEn} ${n}` : `${nameEn} ${parentIndex + 1}, phase ${phase}`,
        location === null ? null : `کیلومتر ${faDigits(location)} جاده ساختگی`,
        location === null ? null : `km ${location}, synthetic road`,
        technology,
        capacity,
        rating,
        status,
        owner,
        financing,
        startedOn,
        openedOn,
        out.ref.source(),
      ]);
      out.setEnergy(i, id);
    }
  }
  return energyRegion;
}

const QUALIFIER = weightedCodes('qualifiers', [
  ['exact', 52],
  ['about', 25],
  ['more_than', 7],
  ['at_least', 4],
  ['less_than', 2],
  ['at_most', 2],
  ['range', 5],
  [null, 3],
]);
const MEASURE = weightedCodes('measures', [
  ['level', 68],
  ['change', 22],
  ['target', 10],
]);
const REPORTED_STATUS = weightedCodes('reportedStatuses', [
  [null, 40],
  ['opened', 12],
  ['operational', 16],
  ['under_construction', 16],
  ['groundbreaking', 5],
  ['licensed', 6],
  ['planned', 5],
]);
const SUBJECT_KIND = weightedCodes('subjectKinds', [
  ['project', 60],
  ['energy_asset', 25],
  ['region', 15],
]);
const MONEY_UNIT = weightedCodes('moneyUnits', [
  ['billion_toman', 50],
  ['billion_rial', 35],
  ['hemat', 15],
]);

/** the reported figure: [value, valueMax, unit, scale, normalised, normalisedMax, rating] */
function figure(rng, spec, qualifier, base) {
  let value;
  let unit;
  let scale = null;
  let factor = 1;
  let rating = null;
  switch (spec.kind) {
    case 'percent':
      value = round(base ?? spec.lo + rng.next() * (spec.hi - spec.lo), 1);
      unit = 'percent';
      break;
    case 'count':
      value = Math.max(spec.lo, Math.round(base ?? rng.logUniform(spec.lo, spec.hi)));
      unit = spec.unit ?? 'count';
      break;
    case 'mw': {
      const mw = base ?? rng.logUniform(spec.lo, spec.hi);
      rating = rng.pick(RATING);
      if (mw < 5 && rng.chance(0.3)) {
        value = Math.max(1, Math.round(mw * 1_000));
        unit = 'kW';
        factor = 0.001;
      } else {
        value = round(mw, mw < 1 ? 2 : 1);
        unit = 'MW';
      }
      break;
    }
    case 'money': {
      const billionToman = base ?? rng.logUniform(0.5, 50_000);
      const money = rng.pick(MONEY_UNIT);
      value = moneyIn(billionToman, money);
      unit = MONEY_UNITS[money].claimUnit;
      scale = MONEY_UNITS[money].claimScale;
      factor = MONEY_UNITS[money].factor;
      break;
    }
    default:
      throw new Error(`unknown indicator kind ${spec.kind}`);
  }
  let valueMax = null;
  if (qualifier === 'range') {
    valueMax =
      spec.kind === 'count'
        ? Math.round(value * (1.05 + rng.next() * 0.5)) + 1
        : round(value * (1.05 + rng.next() * 0.5), 2);
    if (valueMax < value) valueMax = value;
  }
  const norm = (v) =>
    v === null ? null : factor === 1 ? v : round(v * factor, factor < 1 ? 4 : 0);
  return [value, valueMax, unit, scale, norm(value), norm(valueMax), rating];
}

function generateClaims(out, opts, geo, projectRegion, energyRegion) {
  const rng = new Rng(opts.seed, 'claims');
  const kinds = weighted(
    SUBJECT_KIND.items
      .map((k, i) => [k, SUBJECT_KIND.cum[i] - (i ? SUBJECT_KIND.cum[i - 1] : 0)])
      .filter(
        ([k]) =>
          (k === 'project'
            ? opts.projects
            : k === 'energy_asset'
              ? opts.energy
              : geo.regions.length) > 0,
      ),
  );
  let i = 0;
  let groups = 0;
  while (i < opts.claims) {
    const subjectKind = rng.pick(kinds);
    let subject;
    let region;
    let indicators;
    if (subjectKind === 'project') {
      // a few projects attract many claims: square the uniform draw
      subject = Math.floor(rng.next() ** 1.5 * opts.projects);
      region = projectRegion[subject];
      indicators = PROJECT_INDICATORS;
    } else if (subjectKind === 'energy_asset') {
      subject = Math.floor(rng.next() ** 1.5 * opts.energy);
      region = energyRegion[subject];
      indicators = ENERGY_INDICATORS;
    } else {
      subject = rng.pick(geo.subjectPick);
      region = subject;
      indicators = REGION_INDICATORS;
    }
    const indicator = rng.pick(indicators);
    const spec = INDICATORS[indicator];
    // ~8% of comparison groups hold 2-4 claims about the same thing; exactly one is preferred
    const size = rng.chance(0.08) ? Math.min(rng.int(2, 4), opts.claims - i) : 1;
    const key = `syn-claim-${pad(i + 1, 7)}`;
    const conflictGroup = size > 1 ? `syn-group-${pad(++groups, 7)}` : null;
    const measure =
      spec.kind === 'percent' && indicator === 'progress_percent' ? 'level' : rng.pick(MEASURE);
    const asOfIndex = rng.int(0, LAST_DAY);
    const base =
      spec.kind === 'percent'
        ? spec.lo + rng.next() * (spec.hi - spec.lo)
        : spec.kind === 'money'
          ? rng.logUniform(0.5, 50_000)
          : rng.logUniform(spec.lo, spec.hi);
    for (let m = 0; m < size; m++, i++) {
      const n = i + 1;
      const slug = `syn-claim-${pad(n, 7)}`;
      const qualifier = rng.pick(QUALIFIER);
      // members of a group disagree a little
      const jitter = m === 0 ? 1 : 0.85 + rng.next() * 0.3;
      const b = spec.kind === 'percent' ? Math.min(spec.hi, base * jitter) : base * jitter;
      const [value, valueMax, unit, scale, normalised, normalisedMax, rating] = figure(
        rng,
        spec,
        qualifier,
        b,
      );
      const asOfDay = Math.min(LAST_DAY, asOfIndex + (m === 0 ? 0 : rng.int(0, 40)));
      const asOf = DATES[asOfDay];
      let periodStart = null;
      let periodEnd = null;
      let periodText = `as of ${asOf}`;
      if (measure === 'change') {
        const months = [3, 6, 12, 12, 24][rng.int(0, 4)];
        const startIndex = Math.max(0, asOfDay - Math.round(months * 30.4));
        periodStart = DATES[startIndex];
        periodEnd = asOf;
        periodText = `${months} months to ${asOf} (synthetic)`;
      } else if (measure === 'target') {
        periodText = `target by ${DATES[Math.min(LAST_DAY, asOfIndex + rng.int(180, 1_500))].slice(0, 4)} (synthetic)`;
      }
      const reportedStatus = measure === 'target' ? 'target' : rng.pick(REPORTED_STATUS);
      const headline = rng.chance(0.15);
      const speaker = rng.chance(0.6) ? rng.int(1, 800) : null;
      const preferred = m === 0 ? 1 : 0;
      out.insert('claims', [
        slug,
        out.ref.source(),
        out.ref.indicator(indicator),
        subjectKind,
        subjectKind === 'project'
          ? out.ref.project(subject)
          : subjectKind === 'energy_asset'
            ? out.ref.energy(subject)
            : out.ref.region(subject),
        out.ref.region(region),
        value,
        valueMax,
        unit,
        scale,
        normalised,
        normalisedMax,
        qualifier,
        measure,
        periodText,
        asOf,
        periodStart,
        periodEnd,
        reportedStatus,
        rating,
        speaker === null ? null : `سخنگوی ساختگی ${faDigits(speaker)}`,
        speaker === null ? null : `Synthetic speaker ${speaker}`,
        `ادعای ساختگی ${faDigits(n)}`,
        'Synthetic claim; not reported data.',
        headline ? 'headline' : 'body',
        conflictGroup,
        key,
        preferred,
        preferred
          ? size > 1
            ? 'Synthetic claim (preferred member of a synthetic comparison group).'
            : 'Synthetic claim.'
          : null,
      ]);
    }
  }
  return groups;
}

function generateAll(out, opts) {
  const t = {};
  let t0 = performance.now();
  generateSource(out, opts);
  const geo = generateRegions(out, opts);
  t.regions = performance.now() - t0;
  t0 = performance.now();
  const projectRegion = generateProjects(out, opts, geo);
  t.projects = performance.now() - t0;
  t0 = performance.now();
  const energyRegion = generateEnergy(out, opts, geo);
  t.energy_assets = performance.now() - t0;
  t0 = performance.now();
  const groups = generateClaims(out, opts, geo, projectRegion, energyRegion);
  t.claims = performance.now() - t0;
  return { geo, groups, times: t };
}

// ---------------------------------------------------------------------------------------------
// Output 1: SQL file (foreign keys as slug subqueries, so it runs against any migrated database)

const MAX_STATEMENT_BYTES = 90_000; // D1 caps one statement at 100 KB

class SqlOutput {
  constructor(file, opts) {
    this.fd = openSync(file, 'w');
    this.buffer = [];
    this.buffered = 0;
    this.searchIndex = opts.searchIndex;
    this.counts = {};
    this.pending = new Map();
    this.regionSlugs = [];
    const sub = (table, slug) =>
      new Sql(`(SELECT id FROM ${table} WHERE slug = ${sqlQuote(slug)})`);
    const sourceRef = sub('sources', SOURCE_SLUG);
    const sectorRefs = new Map();
    this.ref = {
      country: () => sub('regions', COUNTRY_SLUG),
      source: () => sourceRef,
      region: (i) => sub('regions', this.regionSlugs[i]),
      sector: (slug) => {
        if (!sectorRefs.has(slug)) sectorRefs.set(slug, sub('sectors', slug));
        return sectorRefs.get(slug);
      },
      indicator: (slug) => sub('indicators', slug),
      project: (i) => sub('projects', `syn-project-${pad(i + 1, 7)}`),
      energy: (i) => sub('energy_assets', `syn-energy-${pad(i + 1, 7)}`),
    };
    this.write(
      `-- Synthetic Ostan data (not reported data), generated by scripts/data/generate-synthetic.mjs\n` +
        `-- flags: --seed ${JSON.stringify(opts.seed)} --projects ${opts.projects} --energy ${opts.energy} --claims ${opts.claims}\n` +
        `-- Load into a migrated database that has no synthetic rows yet:\n` +
        `--   node scripts/dev/wrangler.mjs d1 execute DB --local --file <this file>\n`,
    );
  }
  write(text) {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered > 4_000_000) this.drain();
  }
  drain() {
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
  setSource() {}
  setProject() {}
  setEnergy() {}
  insertRegion(index, values) {
    this.regionSlugs[index] = values[0];
    // regions refer to regions: flush each one so its parent exists first
    this.insert('regions', values);
    this.flush('regions');
  }
  insert(table, values) {
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    const row = `(${values.map(sqlValue).join(', ')}, ${TAIL_VALUES.map(sqlValue).join(', ')})`;
    let p = this.pending.get(table);
    if (!p) {
      p = { rows: [], bytes: 0, docs: [] };
      this.pending.set(table, p);
    }
    // a phase refers to its parent plant by slug: the parent must be inserted by an earlier statement
    // (SQLite may evaluate all of a statement's subqueries before inserting any of its rows)
    if (
      p.bytes + row.length * 2 > MAX_STATEMENT_BYTES ||
      (table === 'energy_assets' && values[1] !== null)
    )
      this.flush(table);
    p.rows.push(row);
    p.bytes += row.length * 2; // UTF-16 length x2 bounds the UTF-8 byte length for our text
    if (this.searchIndex && SEARCH[table]) {
      for (const d of searchDocs(table, values)) {
        p.docs.push(
          `(${[values[0], d.position, d.field, d.text, d.compact].map(sqlValue).join(', ')})`,
        );
      }
    }
    // rows refer by slug to rows of earlier tables: write those out first
    for (const [other, q] of this.pending) if (other !== table && q.rows.length) this.flush(other);
    return null;
  }
  flush(table) {
    const p = this.pending.get(table);
    if (!p?.rows.length) return;
    const cols = [...COLUMNS[table], ...TAIL_COLUMNS].join(', ');
    this.write(`INSERT INTO ${table} (${cols}) VALUES\n${p.rows.join(',\n')};\n`);
    p.rows = [];
    p.bytes = 0;
    if (p.docs.length) {
      // like migrations/0004: the rowid comes from the entity's id, found by slug
      const { kind } = SEARCH[table];
      const code = SEARCH_KINDS[kind].code;
      const head =
        `INSERT INTO search_index (rowid, kind, entity_id, field, text, compact) ` +
        `SELECT e.id * 256 + ${code * 16} + d.column2, '${kind}', e.id, d.column3, d.column4, d.column5 ` +
        `FROM ${table} AS e JOIN (VALUES\n`;
      const tail = `) AS d ON e.slug = d.column1;\n`;
      let chunk = [];
      let bytes = 0;
      const emit = () => {
        if (chunk.length) this.write(`${head}${chunk.join(',\n')}\n${tail}`);
        this.counts.search_index = (this.counts.search_index ?? 0) + chunk.length;
        chunk = [];
        bytes = 0;
      };
      for (const doc of p.docs) {
        if (bytes + doc.length * 2 > MAX_STATEMENT_BYTES) emit();
        chunk.push(doc);
        bytes += doc.length * 2;
      }
      emit();
      p.docs = [];
    }
  }
  async finish() {
    for (const table of this.pending.keys()) this.flush(table);
    this.write('ANALYZE;\n');
    this.drain();
    closeSync(this.fd);
  }
}

// ---------------------------------------------------------------------------------------------
// Output 2: straight into the local D1 SQLite file

/** The [[d1_databases]] entry for a binding or database_name, from wrangler.toml (flat keys only). */
function readD1Config(name) {
  const file = join(projectRoot, 'wrangler.toml');
  if (!existsSync(file))
    fail(`no wrangler.toml in ${projectRoot} (only wrangler.toml is supported)`);
  const blocks = [];
  let current = null;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line.startsWith('[')) {
      current = line === '[[d1_databases]]' ? {} : null;
      if (current) blocks.push(current);
      continue;
    }
    const m = current && line.match(/^([A-Za-z_]+)\s*=\s*"([^"]*)"$/);
    if (m) current[m[1]] = m[2];
  }
  const db = blocks.find((b) => b.binding === name || b.database_name === name);
  if (!db) fail(`no [[d1_databases]] with binding or database_name "${name}" in wrangler.toml`);
  return db;
}

/**
 * Where miniflare keeps a local D1 database: <persist-to>/v3/d1/miniflare-D1DatabaseObject/<id>.sqlite,
 * <id> being miniflare's Durable Object id for the name wrangler gives it locally
 * (preview_database_id ?? database_id ?? binding; see wrangler's d1 execute and dev).
 */
function localD1Path(persistTo, db) {
  const uniqueKey = 'miniflare-D1DatabaseObject';
  const name = db.preview_database_id ?? db.database_id ?? db.binding;
  const key = createHash('sha256').update(uniqueKey).digest();
  const nameHmac = createHmac('sha256', key).update(name).digest().subarray(0, 16);
  const hmac = createHmac('sha256', key).update(nameHmac).digest().subarray(0, 16);
  const dir = join(persistTo, 'v3', 'd1', uniqueKey);
  return { dir, file: join(dir, `${Buffer.concat([nameHmac, hmac]).toString('hex')}.sqlite`) };
}

async function openLocalDatabase(opts) {
  const persistTo = opts.persistTo
    ? isAbsolute(opts.persistTo)
      ? opts.persistTo
      : resolve(process.cwd(), opts.persistTo)
    : join(projectRoot, '.wrangler', 'state');
  const db1 = readD1Config(opts.database);
  if (!opts.skipMigrations) {
    console.log(
      `Applying migrations (wrangler d1 migrations apply ${opts.database} --local --persist-to ${persistTo}) ...`,
    );
    const { quietEnv } = await import('../dev/wrangler.mjs');
    const { createRequire } = await import('node:module');
    const bin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
    const r = spawnSync(
      process.execPath,
      [bin, 'd1', 'migrations', 'apply', opts.database, '--local', '--persist-to', persistTo],
      // no stdin: wrangler then takes the default answer ("yes") to its confirmation prompt
      { cwd: projectRoot, env: quietEnv, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0) fail('applying migrations failed');
  }
  const { dir, file } = localD1Path(persistTo, db1);
  if (!existsSync(file)) {
    const others = existsSync(dir)
      ? readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
      : [];
    fail(
      `expected the local D1 database at ${file} but it does not exist` +
        (others.length ? ` (found ${others.join(', ')})` : '') +
        '. Run `node scripts/dev/wrangler.mjs d1 migrations apply DB --local` (with the same --persist-to) first.',
    );
  }
  let Database;
  try {
    Database = (await import('better-sqlite3')).default;
  } catch (err) {
    fail(
      `better-sqlite3 is not installed (npm install --save-dev better-sqlite3@12): ${err.message}`,
    );
  }
  const db = new Database(file, { timeout: 2_000 });
  const migrated = db
    .prepare(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('d1_migrations', 'claims')",
    )
    .get();
  if (migrated.n !== 2) fail(`${file} is not a migrated Ostan database`);
  return { db, file };
}

class DirectOutput {
  constructor(db, opts) {
    this.db = db;
    this.counts = {};
    this.stmts = {};
    this.searchIndex = opts.searchIndex;
    this.searchStmt = db.prepare(
      'INSERT INTO search_index (rowid, kind, entity_id, field, text, compact) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.projectIds = new Float64Array(opts.projects);
    this.energyIds = new Float64Array(opts.energy);
    this.regionIds = [];
    const one = (sql, arg) => {
      const row = db.prepare(sql).get(arg);
      if (!row) fail(`missing reference data: ${sql} [${arg}] (are the migrations applied?)`);
      return row.id;
    };
    const country = one('SELECT id FROM regions WHERE slug = ?', COUNTRY_SLUG);
    const sectors = new Map(
      SECTOR_SLUGS.map((s) => [s, one('SELECT id FROM sectors WHERE slug = ?', s)]),
    );
    const indicators = new Map(
      INDICATOR_SLUGS.map((s) => [s, one('SELECT id FROM indicators WHERE slug = ?', s)]),
    );
    this.ref = {
      country: () => country,
      source: () => this.sourceId,
      region: (i) => this.regionIds[i],
      sector: (slug) => sectors.get(slug),
      indicator: (slug) => indicators.get(slug),
      project: (i) => this.projectIds[i],
      energy: (i) => this.energyIds[i],
    };
  }
  setSource(id) {
    this.sourceId = id;
  }
  setProject(i, id) {
    this.projectIds[i] = id;
  }
  setEnergy(i, id) {
    this.energyIds[i] = id;
  }
  insertRegion(index, values) {
    this.regionIds[index] = this.insert('regions', values);
  }
  insert(table, values) {
    let stmt = this.stmts[table];
    if (!stmt) {
      const cols = [...COLUMNS[table], ...TAIL_COLUMNS];
      stmt = this.db.prepare(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      this.stmts[table] = stmt;
    }
    const docs = this.searchIndex && SEARCH[table] ? searchDocs(table, values) : null;
    values.push(...TAIL_VALUES);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    const id = Number(stmt.run(values).lastInsertRowid);
    if (docs) {
      const { kind } = SEARCH[table];
      const [first] = searchRowIdRange(kind, id);
      for (const d of docs)
        this.searchStmt.run(first + d.position, kind, id, d.field, d.text, d.compact);
      this.counts.search_index = (this.counts.search_index ?? 0) + docs.length;
    }
    return id;
  }
}

function countSynthetic(db) {
  const counts = {};
  for (const table of SYNTHETIC_TABLES) {
    counts[table] = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE synthetic = 1`).get().n;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------

function printSummary(counts, seconds, extra) {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [table, n] of Object.entries(counts))
    console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('en-US').padStart(11)}`);
  for (const line of extra) console.log(line);
  console.log(`Done in ${seconds.toFixed(1)} s.`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const label = `seed ${JSON.stringify(opts.seed)}: ${opts.provinces} provinces, ${opts.projects} projects, ${opts.energy} energy assets, ${opts.claims} claims`;

  if (opts.sqlOut) {
    console.log(`Writing synthetic SQL (${label}) to ${opts.sqlOut} ...`);
    const out = new SqlOutput(opts.sqlOut, opts);
    const { groups } = generateAll(out, opts);
    await out.finish();
    printSummary(out.counts, (performance.now() - started) / 1000, [
      `  (${groups.toLocaleString('en-US')} comparison groups of 2-4 claims)`,
    ]);
    return;
  }

  const { db, file } = await openLocalDatabase(opts);
  console.log(`Loading synthetic data (${label}) into ${file} ...`);
  db.pragma('synchronous = OFF'); // one big transaction; a crash mid-load just loses the load
  db.pragma('cache_size = -1048576'); // 1 GiB page cache (only as much as is used is allocated)
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
  const existing = countSynthetic(db);
  const existingTotal = Object.values(existing).reduce((a, b) => a + b, 0);
  if (existingTotal > 0 && !opts.replace) {
    db.close();
    fail(
      `the database already has ${existingTotal} synthetic rows (${Object.entries(existing)
        .filter(([, n]) => n)
        .map(([t, n]) => `${t}: ${n}`)
        .join(', ')}); pass --replace to delete them first`,
    );
  }
  const out = new DirectOutput(db, opts);
  let times;
  let groups;
  let deleteSeconds = 0;
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    fail(`cannot lock ${file} (${err.message}); stop \`wrangler dev\` or tests using it and retry`);
  }
  try {
    if (existingTotal > 0) {
      const t0 = performance.now();
      // search_index rows of synthetic entities. An entity's rows are one rowid range (see
      // persian-core.js); synthetic ids come in long runs, so delete per run of consecutive ids,
      // filtered by kind (the runs' rowid ranges also cover other kinds' rows).
      const delSearch = db.prepare(
        'DELETE FROM search_index WHERE rowid BETWEEN ? AND ? AND kind = ?',
      );
      for (const [kind, info] of Object.entries(SEARCH_KINDS)) {
        if (!SYNTHETIC_TABLES.includes(info.table)) continue;
        const ids = db
          .prepare(`SELECT id FROM ${info.table} WHERE synthetic = 1 ORDER BY id`)
          .pluck()
          .all();
        for (let a = 0; a < ids.length; ) {
          let b = a;
          while (b + 1 < ids.length && ids[b + 1] === ids[b] + 1) b++;
          delSearch.run(searchRowIdRange(kind, ids[a])[0], searchRowIdRange(kind, ids[b])[1], kind);
          a = b + 1;
        }
      }
      for (const table of SYNTHETIC_TABLES) {
        if (table === 'energy_assets')
          db.exec('DELETE FROM energy_assets WHERE synthetic = 1 AND parent_id IS NOT NULL');
        if (table === 'regions')
          db.exec("DELETE FROM regions WHERE synthetic = 1 AND kind <> 'province'");
        db.exec(`DELETE FROM ${table} WHERE synthetic = 1`);
      }
      deleteSeconds = (performance.now() - t0) / 1000;
    }
    ({ times, groups } = generateAll(out, opts));
    const fk = db.prepare('PRAGMA foreign_key_check').all();
    if (fk.length) throw new Error(`foreign key check failed: ${JSON.stringify(fk.slice(0, 5))}`);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    db.close();
    throw err;
  }
  const loaded = performance.now();
  db.exec('ANALYZE');
  const analysed = performance.now();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const secs = (ms) => (ms / 1000).toFixed(1);
  printSummary(out.counts, (performance.now() - started) / 1000, [
    `  (${groups.toLocaleString('en-US')} comparison groups of 2-4 claims)`,
    ...(existingTotal
      ? [
          `  deleted ${existingTotal.toLocaleString('en-US')} old synthetic rows in ${deleteSeconds.toFixed(1)} s`,
        ]
      : []),
    `  insert s: regions ${secs(times.regions)}, projects ${secs(times.projects)}, energy_assets ${secs(times.energy_assets)}, claims ${secs(times.claims)}; ANALYZE ${secs(analysed - loaded)}`,
  ]);
}

await main();
