// biome-ignore-all format: the tables are kept one object per line so each judgement call reads as one row

// Curation of the real Qom seed data: the judgement calls that turn qom-claims.json into rows.
// scripts/data/build-seed.mjs reads this module and data/qom/qom-claims.json and writes
// migrations/0002_seed_qom_data.sql. Plain data only; every judgement call says why.
//
// Rules that hold everywhere (see the builder for the code):
// - Figures are as reported; unknown is null. Nothing here adds a number that no source gives,
//   except the two official areas, which come from FACTS.md (source 'ostan-fact-sheet').
// - Claim defaults, overridden per claim below: subject = region 'qom'; measure = 'target' when the
//   JSON status is 'target' or the metric starts with 'target_', else 'level'; as_of = the first ISO
//   date in period_or_asof, else the source's published date, else null; no period; own
//   comparison_key (the claim slug), preferred, reason 'Only report of this figure.'
// - Jalali periods: 1404 = 2025-03-21..2026-03-20; spring 1404 = 2025-03-21..2025-06-21;
//   Mordad 1404 = 2025-07-23..2025-08-22; Mehr 1404 = 2025-09-23..2025-10-22;
//   first 9 months of 1404 = 2025-03-21..2025-12-21; 1395 = 2016-03-20..2017-03-20.
// - "Government week" (late Aug 2025) is left without period dates: no source states its days.

const YEAR_1404 = { period_start: '2025-03-21', period_end: '2026-03-20' };
const BY_END_1404 = { period_end: '2026-03-20' }; // a deadline, not a period with a known start
const SPRING_1404 = { period_start: '2025-03-21', period_end: '2025-06-21' };
const FIRST_9M_1404 = { period_start: '2025-03-21', period_end: '2025-12-21' };
// "last 12 months" / "past year" counted back from the source date 2025-09-02
const LAST_12M_TO_2025_09_02 = { period_start: '2024-09-02', period_end: '2025-09-02' };

// The one source that is not a news page: it carries the official areas quoted in FACTS.md.
export const extraSources = [
  {
    slug: 'ostan-fact-sheet',
    kind: 'reference',
    publisher: 'Ostan fact sheet (FACTS.md)',
    title_en: 'Ostan fact sheet for the seed article (data/qom/FACTS.md)',
    url: null,
    language: 'en',
    published_on: null,
    published_basis: null,
    note:
      "Carries the official areas quoted in FACTS.md from the Qom provincial planning organization's GIS site (2020 page): Qom province about 11,238 km², Iran 1,648,195 km² (Qom ≈ 0.68% of the country).",
  },
];

// Parents come before children (the builder checks it).
export const regions = [
  { slug: 'iran', kind: 'country', parent: null, iso_code: 'IR', name_fa: 'ایران', name_en: 'Iran', area_km2: 1648195, area_source: 'ostan-fact-sheet' },
  { slug: 'qom', kind: 'province', parent: 'iran', iso_code: 'IR-25', name_fa: 'استان قم', name_en: 'Qom Province', area_km2: 11238, area_source: 'ostan-fact-sheet' },
  { slug: 'qom-county', kind: 'county', parent: 'qom', iso_code: null, name_fa: 'شهرستان قم', name_en: 'Qom County', area_km2: null, area_source: null },
  { slug: 'qom-city', kind: 'city', parent: 'qom-county', iso_code: null, name_fa: 'شهر قم', name_en: 'Qom (city)', area_km2: null, area_source: null },
  // Pardisan is a new town next to Qom city, inside Qom county.
  { slug: 'pardisan', kind: 'city', parent: 'qom-county', iso_code: null, name_fa: 'پردیسان', name_en: 'Pardisan', area_km2: null, area_source: null },
  { slug: 'shokouhieh', kind: 'industrial_town', parent: 'qom-county', iso_code: null, name_fa: 'شهرک صنعتی شکوهیه', name_en: 'Shokouhieh Industrial Town', area_km2: null, area_source: null },
  { slug: 'qom-tehran-freeway-km10', kind: 'site', parent: 'qom-county', iso_code: null, name_fa: 'کیلومتر ۱۰ آزادراه قم–تهران', name_en: 'Km 10, Qom–Tehran freeway', area_km2: null, area_source: null },
  // Both are reported as «بخش» (district); parent is the province because the sources do not place them in a county.
  { slug: 'jafarabad', kind: 'district', parent: 'qom', iso_code: null, name_fa: 'بخش جعفرآباد', name_en: 'Jafarabad District', area_km2: null, area_source: null },
  { slug: 'salafchegan', kind: 'district', parent: 'qom', iso_code: null, name_fa: 'بخش سلفچگان', name_en: 'Salafchegan District', area_km2: null, area_source: null },
];

// ISIC Rev.4 codes where one fits; 'services' spans sections G–U, so it has none.
// named_in: the sources that name the sector (the seed names the four top-level sectors of its 52
// projects and four industrial sub-sectors; the others come from the later reports listed).
export const sectors = [
  { slug: 'industry', parent: null, name_fa: 'صنعت', name_en: 'Industry (manufacturing)', isic_code: 'C', named_in: ['mehr-2025-08-23-seed', 'yjc-2025-08-23-ebrahimi'] },
  { slug: 'health-hygiene-products', parent: 'industry', name_fa: 'محصولات بهداشتی', name_en: 'Health and hygiene products', isic_code: '2023', named_in: ['mehr-2025-08-23-seed'] },
  { slug: 'footwear', parent: 'industry', name_fa: 'کفش', name_en: 'Footwear', isic_code: '1520', named_in: ['mehr-2025-08-23-seed', 'abna-2025-09-09-ebrahimi'] },
  // The seed says «صنایع ساختمانی» (construction industries): read as building-materials manufacturing, ISIC 23.
  { slug: 'construction-materials', parent: 'industry', name_fa: 'صنایع ساختمانی', name_en: 'Construction materials', isic_code: '23', named_in: ['mehr-2025-08-23-seed'] },
  { slug: 'wallpaper', parent: 'industry', name_fa: 'کاغذ دیواری', name_en: 'Wallpaper', isic_code: '1709', named_in: ['mehr-2025-08-23-seed'] },
  { slug: 'home-appliances', parent: 'industry', name_fa: 'لوازم خانگی', name_en: 'Home appliances', isic_code: '2750', named_in: ['mehr-undated-6697377-ebrahimi'] },
  { slug: 'motorcycles', parent: 'industry', name_fa: 'موتورسیکلت', name_en: 'Motorcycles', isic_code: '3091', named_in: ['mehr-undated-6697377-ebrahimi'] },
  { slug: 'protein-products', parent: 'industry', name_fa: 'محصولات پروتئینی', name_en: 'Protein products', isic_code: '101', named_in: ['mehr-undated-6697377-ebrahimi'] },
  { slug: 'tourism', parent: null, name_fa: 'گردشگری', name_en: 'Tourism', isic_code: '55', named_in: ['mehr-2025-08-23-seed', 'yjc-2025-08-23-ebrahimi'] },
  { slug: 'agriculture', parent: null, name_fa: 'کشاورزی', name_en: 'Agriculture', isic_code: 'A', named_in: ['mehr-2025-08-23-seed', 'yjc-2025-08-23-ebrahimi'] },
  { slug: 'services', parent: null, name_fa: 'خدمات', name_en: 'Services', isic_code: null, named_in: ['mehr-2025-08-23-seed', 'yjc-2025-08-23-ebrahimi'] },
  { slug: 'energy', parent: null, name_fa: 'انرژی', name_en: 'Energy', isic_code: '35', named_in: ['mehr-2025-09-02-razzaq'] },
  { slug: 'solar-power', parent: 'energy', name_fa: 'انرژی خورشیدی', name_en: 'Solar power', isic_code: '3510', named_in: ['mehr-2025-09-02-razzaq'] },
  { slug: 'housing', parent: null, name_fa: 'مسکن', name_en: 'Housing (construction)', isic_code: 'F', named_in: ['irib-2025-08-25-housing'] },
  { slug: 'transport-infrastructure', parent: null, name_fa: 'زیرساخت حمل‌ونقل', name_en: 'Transport infrastructure', isic_code: '4210', named_in: ['mehr-2025-12-21-sameri'] },
];

// unit: the unit of normalised_value. Money is always rial; USD claims get normalised_value null.
export const indicators = [
  { slug: 'projects_opened', name_fa: 'پروژه‌های به بهره‌برداری رسیده', name_en: 'Projects opened', unit: 'count', direction: 'higher_is_better', description_en: 'Number of projects put into operation in a period.' },
  { slug: 'projects_ready', name_fa: 'پروژه‌های آماده افتتاح', name_en: 'Projects ready to open', unit: 'count', direction: 'higher_is_better', description_en: 'Number of projects reported as ready to be opened.' },
  { slug: 'unfinished_projects', name_fa: 'پروژه‌های نیمه‌تمام', name_en: 'Unfinished projects', unit: 'count', direction: 'neutral', description_en: 'Number of projects under way and not finished, in the scope the source states.' },
  { slug: 'unfinished_projects_progress_percent', name_fa: 'بازه پیشرفت فیزیکی پروژه‌های نیمه‌تمام', name_en: 'Physical progress of unfinished projects (spread)', unit: 'percent', direction: 'neutral', description_en: 'The lowest and/or highest physical progress among the unfinished projects, as reported (a spread, not an average).' },
  { slug: 'progress_percent', name_fa: 'درصد پیشرفت فیزیکی', name_en: 'Physical progress', unit: 'percent', direction: 'higher_is_better', description_en: 'Reported physical progress of one project or programme.' },
  { slug: 'time_to_completion_months', name_fa: 'زمان باقی‌مانده تا تکمیل', name_en: 'Expected time to completion', unit: 'months', direction: 'lower_is_better', description_en: 'Months until a project is expected to be finished, counted from the statement.' },
  { slug: 'jobs_created', name_fa: 'فرصت‌های شغلی ایجادشده', name_en: 'Jobs created', unit: 'count', direction: 'higher_is_better', description_en: 'New jobs reported as created in a period.' },
  { slug: 'job_capacity', name_fa: 'ظرفیت اشتغال', name_en: 'Job capacity', unit: 'count', direction: 'higher_is_better', description_en: 'Jobs that licensed or opened units are said to provide (capacity, not counted jobs).' },
  { slug: 'job_commitment', name_fa: 'تعهد اشتغال', name_en: 'Job-creation commitment (jobs)', unit: 'count', direction: 'higher_is_better', description_en: "The province's commitment of new jobs for a year." },
  { slug: 'job_commitment_plans', name_fa: 'تعهد طرح‌های اشتغال‌زا', name_en: 'Job-creation commitment (plans)', unit: 'count', direction: 'higher_is_better', description_en: "The province's commitment counted in job-creating plans for a year." },
  { slug: 'share_of_commitment_achieved_percent', name_fa: 'درصد تحقق تعهد اشتغال', name_en: 'Share of the job commitment achieved', unit: 'percent', direction: 'higher_is_better', description_en: "Part of the year's job-creation commitment reported as achieved." },
  { slug: 'workers', name_fa: 'شاغلان', name_en: 'Workers employed', unit: 'count', direction: 'higher_is_better', description_en: 'People working in a place (e.g. an industrial town).' },
  { slug: 'unemployment_rate_percent', name_fa: 'نرخ بیکاری', name_en: 'Unemployment rate', unit: 'percent', direction: 'lower_is_better', description_en: 'Unemployed as a share of the active population, for a season.' },
  { slug: 'labour_participation_rate_percent', name_fa: 'نرخ مشارکت اقتصادی', name_en: 'Labour force participation rate', unit: 'percent', direction: 'higher_is_better', description_en: 'Active population as a share of the population aged 15 and over.' },
  { slug: 'inflation_rate_percent', name_fa: 'نرخ تورم', name_en: 'Inflation rate', unit: 'percent', direction: 'lower_is_better', description_en: 'Consumer price inflation as reported for a month.' },
  { slug: 'population', name_fa: 'جمعیت', name_en: 'Population', unit: 'persons', direction: 'neutral', description_en: 'Resident population (estimate or census).' },
  { slug: 'share_national_population_percent', name_fa: 'سهم از جمعیت کشور', name_en: 'Share of national population', unit: 'percent', direction: 'neutral', description_en: "The region's share of Iran's population." },
  { slug: 'share_national_area_percent', name_fa: 'سهم از مساحت کشور', name_en: 'Share of national area', unit: 'percent', direction: 'neutral', description_en: "The region's share of Iran's land area." },
  { slug: 'share_national_production_percent', name_fa: 'سهم از تولید ملی', name_en: 'Share of national production', unit: 'percent', direction: 'higher_is_better', description_en: "Share of Iran's production, for the whole economy or one product group." },
  { slug: 'share_national_egg_production_percent', name_fa: 'سهم از تولید تخم‌مرغ کشور', name_en: 'Share of national egg production', unit: 'percent', direction: 'higher_is_better', description_en: "Share of Iran's egg production." },
  { slug: 'share_national_tax_revenue_percent', name_fa: 'سهم از درآمدهای مالیاتی کشور', name_en: 'Share of national tax revenue', unit: 'percent', direction: 'neutral', description_en: "The region's share of Iran's tax and duty revenues." },
  { slug: 'industry_share_of_economy_percent', name_fa: 'سهم صنعت از اقتصاد استان', name_en: 'Industry share of the provincial economy', unit: 'percent', direction: 'neutral', description_en: "Industry's share of the region's economy (a recurring agency template sentence)." },
  { slug: 'national_rank_industrial_employment', name_fa: 'رتبه کشوری اشتغال صنعتی', name_en: 'National rank in industrial employment', unit: 'rank', direction: 'lower_is_better', description_en: 'Rank among provinces (1 = first).' },
  { slug: 'government_share_of_development_resources_percent', name_fa: 'سهم دولت از منابع توسعه اقتصادی', name_en: 'Government share of development resources', unit: 'percent', direction: 'neutral', description_en: 'Part of the resources for economic development that the government provides.' },
  { slug: 'units_revived', name_fa: 'واحدهای تولیدی راکد احیاشده', name_en: 'Idle production units revived', unit: 'count', direction: 'higher_is_better', description_en: 'Production units that had stopped and are back in production.' },
  { slug: 'production_units', name_fa: 'واحدهای تولیدی فعال', name_en: 'Production units in operation', unit: 'count', direction: 'higher_is_better', description_en: 'Number of operating production units.' },
  { slug: 'industrial_towns', name_fa: 'شهرک‌های صنعتی', name_en: 'Industrial towns', unit: 'count', direction: 'higher_is_better', description_en: 'Number of industrial towns (estates).' },
  { slug: 'industrial_zones', name_fa: 'نواحی صنعتی', name_en: 'Industrial zones', unit: 'count', direction: 'higher_is_better', description_en: 'Number of industrial zones (smaller than towns).' },
  { slug: 'industry_clusters', name_fa: 'خوشه‌های صنعتی', name_en: 'Industry clusters', unit: 'count', direction: 'higher_is_better', description_en: 'Number of industry clusters.' },
  { slug: 'establishment_licences_issued', name_fa: 'جوازهای تأسیس صادرشده', name_en: 'Establishment licences issued', unit: 'count', direction: 'higher_is_better', description_en: 'Industrial establishment licences issued in a period.' },
  { slug: 'establishment_licences_expansion', name_fa: 'جوازهای تأسیس طرح‌های توسعه‌ای', name_en: 'Establishment licences for expansion projects', unit: 'count', direction: 'higher_is_better', description_en: 'Establishment licences issued for expansions of existing units in a period.' },
  { slug: 'operating_licences_issued', name_fa: 'پروانه‌های بهره‌برداری صادرشده', name_en: 'Operating licences issued', unit: 'count', direction: 'higher_is_better', description_en: 'Operating licences issued to production units in a period.' },
  { slug: 'operating_licences_expansion', name_fa: 'پروانه‌های بهره‌برداری طرح‌های توسعه‌ای', name_en: 'Operating licences for expansion projects', unit: 'count', direction: 'higher_is_better', description_en: 'Operating licences issued for expansions of existing units in a period.' },
  { slug: 'investment', name_fa: 'سرمایه‌گذاری', name_en: 'Investment', unit: 'rial', direction: 'higher_is_better', description_en: 'Money invested or committed, in rial; USD amounts are kept as reported and not converted.' },
  { slug: 'bank_facilities', name_fa: 'تسهیلات بانکی', name_en: 'Bank facilities allocated', unit: 'rial', direction: 'higher_is_better', description_en: 'Bank credit allocated to development projects, in rial.' },
  { slug: 'contract_value', name_fa: 'مبلغ قرارداد', name_en: 'Contract value', unit: 'rial', direction: 'neutral', description_en: 'Value of a signed contract, in rial (not the total investment).' },
  { slug: 'export_value', name_fa: 'ارزش صادرات', name_en: 'Export value', unit: 'rial', direction: 'higher_is_better', description_en: 'Exports in a period. Sources report USD; no exchange rate is applied, so normalised values are null.' },
  { slug: 'export_growth_percent', name_fa: 'رشد صادرات', name_en: 'Export growth', unit: 'percent', direction: 'higher_is_better', description_en: 'Growth of exports against a base period (often unstated).' },
  { slug: 'tourism_beds', name_fa: 'تخت‌های اقامتی گردشگری', name_en: 'Tourism beds', unit: 'beds', direction: 'higher_is_better', description_en: 'Beds in lodging establishments (province total, or one establishment when the subject is a project).' },
  { slug: 'hotels_under_construction', name_fa: 'هتل‌های در دست ساخت', name_en: 'Hotels under construction', unit: 'count', direction: 'higher_is_better', description_en: 'Hotels being built.' },
  { slug: 'pilgrims_per_year', name_fa: 'زائران سالانه', name_en: 'Pilgrims per year', unit: 'persons', direction: 'higher_is_better', description_en: 'Pilgrims visiting in a year.' },
  { slug: 'housing_units_under_construction', name_fa: 'واحدهای مسکونی در دست ساخت', name_en: 'Housing units under construction', unit: 'count', direction: 'higher_is_better', description_en: 'Housing units whose construction has started and is under way.' },
  { slug: 'housing_units_handed_over', name_fa: 'واحدهای مسکونی تحویل‌شده', name_en: 'Housing units handed over', unit: 'count', direction: 'higher_is_better', description_en: 'Finished housing units handed to applicants.' },
  { slug: 'irrigation_efficiency_percent', name_fa: 'راندمان آبیاری', name_en: 'Irrigation efficiency', unit: 'percent', direction: 'higher_is_better', description_en: 'Share of irrigation water that reaches the crop.' },
  { slug: 'plan_document_status', name_fa: 'وضعیت سند برنامه', name_en: 'Plan document status', unit: 'none', direction: 'neutral', description_en: 'A statement about a plan document (drafted, issued); such claims carry no value.' },
  { slug: 'capacity_mw', name_fa: 'ظرفیت نیروگاه', name_en: 'Plant capacity', unit: 'MW', direction: 'higher_is_better', description_en: 'Capacity of one plant or phase (AC/DC not stated by any source: rating unknown).' },
  { slug: 'solar_capacity_operational_mw', name_fa: 'ظرفیت خورشیدی در حال بهره‌برداری', name_en: 'Solar capacity in operation', unit: 'MW', direction: 'higher_is_better', description_en: 'Region-level solar capacity reported as in operation or connected (level) or opened in a period (change).' },
  { slug: 'solar_capacity_under_construction_mw', name_fa: 'ظرفیت خورشیدی در دست احداث', name_en: 'Solar capacity under construction', unit: 'MW', direction: 'higher_is_better', description_en: 'Region-level solar capacity reported as under construction (level) or started in a period (change).' },
  { slug: 'solar_capacity_licensed_mw', name_fa: 'ظرفیت خورشیدی دارای مجوز', name_en: 'Solar capacity licensed', unit: 'MW', direction: 'higher_is_better', description_en: 'Region-level solar capacity with construction/establishment licences.' },
  { slug: 'solar_capacity_mou_mw', name_fa: 'ظرفیت خورشیدی در قالب تفاهم‌نامه', name_en: 'Solar capacity under memoranda of understanding', unit: 'MW', direction: 'higher_is_better', description_en: 'Region-level solar capacity covered by signed memoranda, not yet licensed or built.' },
  { slug: 'solar_capacity_target_mw', name_fa: 'هدف ظرفیت خورشیدی', name_en: 'Solar capacity target', unit: 'MW', direction: 'higher_is_better', description_en: 'Region-level solar capacity targets.' },
  { slug: 'peak_demand_mw', name_fa: 'اوج مصرف برق', name_en: 'Peak electricity demand', unit: 'MW', direction: 'neutral', description_en: 'Summer peak electricity demand.' },
  { slug: 'power_deficit_mw', name_fa: 'کسری برق', name_en: 'Electricity shortfall at peak', unit: 'MW', direction: 'lower_is_better', description_en: 'Shortfall of supply against peak demand.' },
  { slug: 'blackout_days_industry', name_fa: 'روزهای خاموشی صنایع', name_en: 'Days of power cuts for industry', unit: 'days', direction: 'lower_is_better', description_en: 'Days on which industrial units had power cut.' },
  { slug: 'households_supplied', name_fa: 'خانوارهای تأمین‌شده', name_en: 'Households supplied', unit: 'households', direction: 'higher_is_better', description_en: 'Households a plant is said to be able to supply.' },
  { slug: 'plants_count', name_fa: 'تعداد نیروگاه', name_en: 'Number of plants', unit: 'count', direction: 'neutral', description_en: 'Number of plants grouped under one asset.' },
  { slug: 'site_area_hectare', name_fa: 'مساحت زمین طرح', name_en: 'Site area', unit: 'hectare', direction: 'neutral', description_en: 'Land allocated to or occupied by a plant or project.' },
];

// claim metric (JSON) → indicator slug. Plant-level vs region-level capacities are split per claim below.
export const metricIndicator = {
  projects_opened: 'projects_opened',
  projects_ready: 'projects_ready',
  unfinished_projects: 'unfinished_projects',
  // c010 (top band >90%) and c018 (1-99%) describe the spread of progress across the unfinished projects
  progress_percent_upper_band: 'unfinished_projects_progress_percent',
  progress_percent_range: 'unfinished_projects_progress_percent',
  progress_percent: 'progress_percent',
  time_to_completion_months: 'time_to_completion_months',
  jobs_created: 'jobs_created',
  job_capacity: 'job_capacity',
  job_commitment: 'job_commitment',
  job_commitment_plans: 'job_commitment_plans',
  share_of_commitment_achieved_percent: 'share_of_commitment_achieved_percent',
  workers: 'workers',
  unemployment_rate_percent: 'unemployment_rate_percent',
  labour_participation_rate_percent: 'labour_participation_rate_percent',
  inflation_rate_percent: 'inflation_rate_percent',
  population: 'population',
  share_national_population_percent: 'share_national_population_percent',
  share_national_area_percent: 'share_national_area_percent',
  share_national_production_percent: 'share_national_production_percent',
  target_share_national_production_percent: 'share_national_production_percent',
  share_national_egg_production_percent: 'share_national_egg_production_percent',
  share_national_tax_revenue_percent: 'share_national_tax_revenue_percent',
  industry_share_of_economy_percent: 'industry_share_of_economy_percent',
  national_rank_industrial_employment: 'national_rank_industrial_employment',
  government_share_of_development_resources_percent: 'government_share_of_development_resources_percent',
  units_revived: 'units_revived',
  target_units_to_revive: 'units_revived',
  production_units: 'production_units',
  industrial_towns: 'industrial_towns',
  industrial_zones: 'industrial_zones',
  industry_clusters: 'industry_clusters',
  establishment_licences_issued: 'establishment_licences_issued',
  establishment_licences_expansion: 'establishment_licences_expansion',
  operating_licences_issued: 'operating_licences_issued',
  operating_licences_expansion: 'operating_licences_expansion',
  investment: 'investment',
  bank_facilities: 'bank_facilities',
  contract_value: 'contract_value',
  export_value: 'export_value',
  export_growth_percent: 'export_growth_percent',
  tourism_beds: 'tourism_beds',
  beds: 'tourism_beds', // c077: beds of one hotel (subject: the Ava Hotel project)
  hotels_under_construction: 'hotels_under_construction',
  pilgrims_per_year: 'pilgrims_per_year',
  housing_units_under_construction: 'housing_units_under_construction',
  // c047 "construction of more than 90,000 units has started": the same programme stock as c030/c044 (conflict 13)
  housing_units_started: 'housing_units_under_construction',
  housing_units_handed_over: 'housing_units_handed_over',
  target_units_handed_over: 'housing_units_handed_over',
  irrigation_efficiency_percent: 'irrigation_efficiency_percent',
  target_irrigation_efficiency_percent: 'irrigation_efficiency_percent',
  plan_document_status: 'plan_document_status',
  capacity_mw: 'capacity_mw', // region-level aggregates are re-pointed per claim below
  capacity_kw: 'capacity_mw', // normalised ÷1000
  capacity_mw_connected: 'solar_capacity_operational_mw',
  capacity_mw_in_execution: 'solar_capacity_under_construction_mw',
  capacity_mw_under_construction: 'solar_capacity_under_construction_mw',
  capacity_mw_licensed: 'solar_capacity_licensed_mw',
  capacity_mw_mou: 'solar_capacity_mou_mw',
  target_capacity_mw: 'solar_capacity_target_mw', // plant-level targets (c091, c100) re-pointed below
  target_capacity_mw_operational: 'solar_capacity_target_mw',
  peak_demand_mw: 'peak_demand_mw',
  power_deficit_mw: 'power_deficit_mw',
  blackout_days_industry: 'blackout_days_industry',
  households_supplied: 'households_supplied',
  plants_count: 'plants_count',
  site_area_hectare: 'site_area_hectare',
};

// Projects. Numbers only where a source gives them for that project; everything else null.
const P = { progress_pct: null, direct_jobs: null, investment_amount: null, investment_unit: null, started_on: null, opened_on: null, financing: null, investors: null, description_fa: null };
export const projects = [
  // The seed names four kinds of units among the 52 openings "in recent weeks" but does not itemise them:
  // one group row each, opened_on null (no date beyond "recent weeks").
  { ...P, slug: 'hygiene-products-units', region: 'qom', sector: 'health-hygiene-products', status: 'operational', source: 'mehr-2025-08-23-seed', name_fa: 'واحدهای تولید محصولات بهداشتی', name_en: 'Health and hygiene products units opened in summer 2025 (not itemised)', description_en: 'Named by the seed among the 52 projects opened in recent weeks; number of units, dates and money not reported.' },
  { ...P, slug: 'footwear-chain', region: 'qom', sector: 'footwear', status: 'operational', source: 'mehr-2025-08-23-seed', name_fa: 'زنجیره کفش', name_en: 'Footwear chain opened in summer 2025 (not itemised)', description_en: 'Named by the seed among the 52 projects opened in recent weeks; size, dates and money not reported.' },
  { ...P, slug: 'construction-industries-units', region: 'qom', sector: 'construction-materials', status: 'operational', source: 'mehr-2025-08-23-seed', name_fa: 'واحدهای صنایع ساختمانی', name_en: 'Construction industries units opened in summer 2025 (not itemised)', description_en: 'Named by the seed among the 52 projects opened in recent weeks; number of units, dates and money not reported.' },
  { ...P, slug: 'wallpaper-units', region: 'qom', sector: 'wallpaper', status: 'operational', source: 'mehr-2025-08-23-seed', name_fa: 'واحدهای تولید کاغذ دیواری', name_en: 'Wallpaper units opened in summer 2025 (not itemised)', description_en: 'Named by the seed among the 52 projects opened in recent weeks; number of units, dates and money not reported.' },
  // Region 'qom': the source does not say where in the province the hotel is.
  { ...P, slug: 'ava-hotel', region: 'qom', sector: 'tourism', status: 'operational', opened_on: '2025-09-03', source: 'irib-2025-09-03-ava-hotel', name_fa: 'هتل آوا قم', name_en: 'Ava Hotel, Qom', description_en: 'Hotel opened with 100 beds (c077).' },
  // Source: the dated opening report that gives the date and the money. The undated IRIB page (c145, probably
  // early Aug 2025) lists Shahr-e Shadi among six projects ready to open, but gives no figure for it alone.
  { ...P, slug: 'shahr-e-shadi', region: 'qom', sector: 'tourism', status: 'operational', opened_on: '2025-09-03', investment_amount: 450, investment_unit: 'billion_toman', financing: 'private', source: 'irib-2025-09-03-ava-hotel', name_fa: 'مجموعه تفریحی شهر شادی', name_en: 'Shahr-e Shadi leisure complex', description_en: 'Leisure complex of 11,000 m² opened with 450 billion toman of private investment (c078).' },
  // The 1,200 billion toman is a contract value (c120), not the project's investment: kept as a claim only.
  { ...P, slug: 'qom-airport', region: 'qom', sector: 'transport-infrastructure', status: 'under_construction', source: 'mehr-2025-12-21-sameri', name_fa: 'فرودگاه قم', name_en: 'Qom airport', description_en: 'Airport contract worth 1,200 billion toman; phase one expected in 2-3 years (c120).' },
  // progress_pct null: the 85% of c121 is subgrade only (structures 50%), not overall progress.
  { ...P, slug: 'jafarieh-beltway', region: 'qom', sector: 'transport-infrastructure', status: 'under_construction', source: 'mehr-2025-12-21-sameri', name_fa: 'کمربندی ۱۲.۵ کیلومتری جاده جعفریه تا جاده قدیم تهران', name_en: 'Jafarieh–old Tehran road beltway (12.5 km)', description_en: '85% of subgrade and 50% of structures done as of 2025-12-21; due by the end of 1404 (c121).' },
  { ...P, slug: 'shokouhieh-rail-link', region: 'shokouhieh', sector: 'transport-infrastructure', status: 'planned', source: 'irib-2025-08-22-industrial-parks', name_fa: 'اتصال شهرک صنعتی شکوهیه به راه‌آهن سراسری', name_en: 'Shokouhieh industrial town rail link', description_en: 'Connection of Shokouhieh to the national railway, expected within 6 to 9 months of 2025-08-22 (c026).' },
  // opened_on null: the 480 units were handed over "in government week"; the day is not stated.
  { ...P, slug: 'pardisan-housing-site', region: 'pardisan', sector: 'housing', status: 'operational', source: 'irib-2025-08-25-housing', name_fa: 'سایت ۲۲ هکتاری پردیسان (نهضت ملی مسکن)', name_en: 'Pardisan 22-ha site, National Housing Movement', description_en: '480 units handed to applicants in government week 2025 (c029).' },
  // progress_pct null: the sources disagree (60% c032, 62% c048 in August; 31% c119 in December).
  { ...P, slug: 'national-housing-movement-qom', region: 'qom', sector: 'housing', status: 'under_construction', financing: null, source: 'irib-2025-08-25-housing', name_fa: 'نهضت ملی مسکن در استان قم', name_en: 'National Housing Movement in Qom province', description_en: 'The national housing programme in Qom: 86,000-92,000 units reported under construction (conflict 13).' },
];

// Energy assets (qom-claims.md "Named energy plants"). rating is 'unknown' for all: no source states AC or DC.
// capacity_mw null on parents whose total is only a target; the target is a claim.
// capacity_qualifier: how the capacity was stated ('exact' unless a claim says otherwise); null when capacity is.
const E = { parent: null, phase: null, technology: 'solar_pv', sector: 'solar-power', rating: 'unknown', capacity_qualifier: 'exact', owner: null, financing: null, started_on: null, opened_on: null, location_fa: null, location_en: null };
export const energyAssets = [
  { ...E, slug: 'pak-bana-solar', capacity_qualifier: null, region: 'qom-tehran-freeway-km10', capacity_mw: null, status: 'under_construction', owner: 'Pak Bana Co.', financing: 'private', source: 'irib-2025-09-22-pakbana', name_fa: 'نیروگاه خورشیدی آزادراه قم–تهران (شرکت پاک بنا)', name_en: 'Pak Bana solar plant, Qom–Tehran freeway', location_fa: 'کیلومتر ۱۰ آزادراه قم–تهران', location_en: 'km 10, Qom–Tehran freeway' },
  { ...E, slug: 'pak-bana-solar-phase-1', parent: 'pak-bana-solar', phase: 1, region: 'qom-tehran-freeway-km10', capacity_mw: 10, status: 'operational', opened_on: '2025-09-22', owner: 'Pak Bana Co.', financing: 'private', source: 'irib-2025-09-22-pakbana', name_fa: 'فاز نخست نیروگاه خورشیدی پاک بنا', name_en: 'Pak Bana solar plant, phase 1', location_fa: 'کیلومتر ۱۰ آزادراه قم–تهران', location_en: 'km 10, Qom–Tehran freeway' },
  // under_construction with started_on: two of three same-day reports say groundbreaking (c089, c095); c097 is softer.
  { ...E, slug: 'pak-bana-solar-phase-2', parent: 'pak-bana-solar', phase: 2, region: 'qom-tehran-freeway-km10', capacity_mw: 53, status: 'under_construction', started_on: '2025-09-22', owner: 'Pak Bana Co.', source: 'irib-2025-09-22-pakbana', name_fa: 'فاز دوم نیروگاه خورشیدی پاک بنا', name_en: 'Pak Bana solar plant, phase 2', location_fa: 'کیلومتر ۱۰ آزادراه قم–تهران', location_en: 'km 10, Qom–Tehran freeway' },
  // financing null: the source names the owning company but says nothing of the financing. Site not named → region qom.
  { ...E, slug: 'razzaq-solar', region: 'qom', capacity_mw: 6, status: 'operational', opened_on: '2025-09-02', owner: 'Silk Mobin Sana Co.', source: 'mehr-2025-09-02-razzaq', name_fa: 'نیروگاه خورشیدی «رزاق» (شرکت سیلک مبین سانا)', name_en: 'Razzaq solar plant (Silk Mobin Sana Co.)' },
  { ...E, slug: 'salafchegan-solar', region: 'salafchegan', capacity_mw: 18, status: 'under_construction', source: 'mehr-2025-09-09-salafchegan', name_fa: 'نیروگاه خورشیدی ۱۸ مگاواتی سلفچگان', name_en: 'Salafchegan solar plant (18 MW)' },
  { ...E, slug: 'salafchegan-solar-phase-1', parent: 'salafchegan-solar', phase: 1, region: 'salafchegan', capacity_mw: 6, status: 'operational', opened_on: '2025-09-09', source: 'mehr-2025-09-09-salafchegan', name_fa: 'فاز نخست نیروگاه خورشیدی سلفچگان', name_en: 'Salafchegan solar plant, phase 1 (two 3 MW units)' },
  // owner: built with Welfare Organization clients (pooled ownership as reported); site not named → region qom.
  { ...E, slug: 'welfare-aggregated-solar', region: 'qom', capacity_mw: 3, status: 'licensed', owner: 'Welfare Organization clients (pooled)', source: 'mehr-2025-08-25-aggregated-solar', name_fa: 'نخستین نیروگاه خورشیدی تجمیعی کشور (مددجویان بهزیستی)', name_en: "Country's first aggregated solar plant (Welfare Organization clients)" },
  // financing 'mixed': private investors backed by the Energy Ministry and the National Development Fund (c098).
  { ...E, slug: 'shokouhieh-solar', region: 'shokouhieh', capacity_mw: 15, status: 'under_construction', started_on: '2025-09-25', financing: 'mixed', source: 'irib-2025-09-25-shokouhieh', name_fa: 'پنج نیروگاه خورشیدی سه‌مگاواتی شهرک صنعتی شکوهیه', name_en: 'Five 3 MW solar plants, Shokouhieh Industrial Town' },
  // opened_on null: only "government week" 1404 is known.
  { ...E, slug: 'irgc-salami-solar', region: 'qom', capacity_mw: 0.3, status: 'operational', owner: 'IRGC Qom', source: 'javan-2025-08-31-solar', name_fa: 'نیروگاه خورشیدی سردار شهید حسین سلامی (چهارمین نیروگاه سپاه قم)', name_en: "Shahid Hossein Salami solar plant (IRGC Qom's 4th)" },
  // financing 'public': a plant at a government office, paid 5 billion toman (c114).
  { ...E, slug: 'qom-governorate-solar', region: 'qom-city', capacity_mw: 0.1, status: 'operational', opened_on: '2025-12-11', owner: 'Qom county governorate', financing: 'public', source: 'mehr-2025-12-11-100kw', name_fa: 'نیروگاه خورشیدی ۱۰۰ کیلوواتی فرمانداری قم', name_en: 'Qom county governorate solar plant (100 kW)' },
  { ...E, slug: 'relief-committee-aggregated-solar', region: 'qom', capacity_mw: 25, status: 'planned', owner: 'Imam Khomeini Relief Committee (for its clients)', source: 'mehr-2025-12-21-25mw', name_fa: 'نیروگاه خورشیدی تجمیعی حمایتی ۲۵ مگاواتی (کمیته امداد)', name_en: '25 MW aggregated supportive solar plant (Relief Committee)' },
  { ...E, slug: 'national-2000mw-solar', capacity_qualifier: null, region: 'qom', capacity_mw: null, status: 'planned', financing: 'private', source: 'mehr-2025-10-05-2000mw', name_fa: 'طرح ملی نیروگاه خورشیدی ۲۰۰۰ مگاواتی قم', name_en: 'National 2,000 MW solar project in Qom' },
  { ...E, slug: 'national-2000mw-solar-phase-1', parent: 'national-2000mw-solar', phase: 1, region: 'qom', capacity_mw: 350, status: 'planned', financing: 'private', source: 'mehr-2025-10-05-2000mw', name_fa: 'مرحله نخست طرح ملی نیروگاه خورشیدی ۲۰۰۰ مگاواتی', name_en: 'National 2,000 MW solar project, phase 1 (350 MW)' },
  { ...E, slug: 'unnamed-1600mw-solar', region: 'qom', capacity_mw: 1600, status: 'planned', source: 'mehr-2025-09-09-salafchegan', name_fa: 'نیروگاه خورشیدی ۱۶۰۰ مگاواتی (نام‌نبرده)', name_en: 'Unnamed 1,600 MW solar plant' },
  // Source: the SNN page (inferred late Oct 2025) that names the two 60 MW plants; the IRIB page on the same
  // ~400 ha project (c139, c140) is inferred early Nov 2025. Both undated.
  { ...E, slug: 'private-2x60mw-solar', region: 'qom', capacity_mw: 120, status: 'under_construction', financing: 'private', source: 'snn-rasayeneh-undated-2x60mw', name_fa: 'دو نیروگاه خورشیدی ۶۰ مگاواتی (سرمایه‌گذار خصوصی)', name_en: 'Two 60 MW solar plants (private investor)' },
  { ...E, slug: 'salafchegan-private-2-7mw-solar', region: 'salafchegan', capacity_mw: 2.7, status: 'operational', opened_on: '2026-01-06', financing: 'private', source: 'irib-2026-01-06-salafchegan', name_fa: 'نیروگاه خورشیدی یک شرکت خصوصی بخش سلفچگان', name_en: 'Private company solar plant, Salafchegan district (2.7 MW)' },
  { ...E, slug: 'qom-entrance-200mw-solar', region: 'qom-city', capacity_mw: 200, status: 'under_construction', started_on: '2026-01-06', source: 'irib-2026-01-06-salafchegan', name_fa: 'نیروگاه خورشیدی ۲۰۰ مگاواتی ورودی شهر قم', name_en: '200 MW solar plant at the Qom city entrance', location_fa: 'ورودی شهر قم', location_en: 'entrance of Qom city' },
  { ...E, slug: 'unnamed-500mw-solar', region: 'qom', capacity_mw: 500, status: 'planned', source: 'irib-2026-01-06-salafchegan', name_fa: 'نیروگاه خورشیدی ۵۰۰ مگاواتی (نام‌نبرده)', name_en: 'Unnamed 500 MW solar plant' },
  // financing 'private': "an investor plans" the plant (c149).
  { ...E, slug: 'combined-cycle-560mw', technology: 'combined_cycle', sector: 'energy', region: 'qom', capacity_mw: 560, status: 'planned', financing: 'private', source: 'irib-undated-5602541-560mw', name_fa: 'نیروگاه سیکل ترکیبی ۵۶۰ مگاواتی', name_en: '560 MW combined-cycle power plant' },
  // capacity 570 with qualifier more_than: the claim says "more than 570" (c150), so 570 is a lower bound.
  { ...E, slug: 'gas-chp-570mw', technology: 'chp', sector: 'energy', region: 'qom', capacity_mw: 570, capacity_qualifier: 'more_than', status: 'planned', source: 'mehr-undated-6603693-570mw', name_fa: 'تجهیزات تولید برق گازی و CHP', name_en: 'Gas-fired generation and CHP units (>570 MW)' },
];

export const plans = [
  { slug: 'qom-four-year-plan', region: 'qom', kind: 'development_plan', status: 'issued', issued_on: null, starts_on: null, ends_on: null, source: 'mehr-2025-08-23-seed', name_fa: 'برنامه چهارساله توسعه اقتصادی قم', name_en: 'Qom four-year economic development plan', description_en: 'Drafted and issued (seed, 2025-08-23); years not stated. Aims to raise Qom\'s share of national production and sustainable growth.' },
  // "prepared" («تهیه شده») only: no source says it was issued.
  { slug: 'qom-investment-document', region: 'qom', kind: 'investment_document', status: 'drafted', issued_on: null, starts_on: null, ends_on: null, source: 'mehr-2025-08-23-seed', name_fa: 'سند سرمایه‌گذاری استان قم', name_en: 'Qom provincial investment document', description_en: 'Prepared with all executive bodies so that industries with the highest added value and the lowest resource use settle in the province.' },
];

export const planTargets = [
  // The seed does not say the 65 belong to the four-year plan; FACTS.md (statement 6, "What this means")
  // assigns the target to the plan, so we follow it. Baseline: the 350 "so far" of the same statement (c004).
  { slug: 'revive-65-more-units', plan: 'qom-four-year-plan', indicator: 'units_revived', region: 'qom', comparator: 'at_least', target_value: 65, target_kind: 'increment', baseline_value: 350, baseline_on: '2025-08-23', deadline_on: null, claim: 'c005', description_fa: 'بازگرداندن ۶۵ واحد صنعتی دیگر به چرخه تولید', description_en: 'Bring 65 more idle industrial units back into production (bank financing, new product lines, market study).' },
  { slug: 'national-production-share-1-4', plan: 'qom-four-year-plan', indicator: 'share_national_production_percent', region: 'qom', comparator: 'at_least', target_value: 1.4, target_kind: 'level', baseline_value: null, baseline_on: null, deadline_on: null, claim: 'c012', description_fa: 'افزایش سهم استان از تولید ملی به حداقل ۱.۴ درصد', description_en: "Raise Qom's share of national production to at least 1.4%." },
  // Baseline null: the current efficiency is reported only as a 25-30% range (c038).
  { slug: 'irrigation-efficiency-50', plan: 'qom-four-year-plan', indicator: 'irrigation_efficiency_percent', region: 'qom', comparator: 'at_least', target_value: 50, target_kind: 'level', baseline_value: null, baseline_on: null, deadline_on: null, claim: 'c039', description_fa: 'افزایش راندمان آبیاری به ۵۰ درصد', description_en: 'Raise irrigation efficiency to 50% (a four-year plan priority).' },
];

// Per-claim overrides. Fields: subject [kind, slug], region (defaults to the subject's region),
// indicator, measure, as_of, period_start, period_end, key (comparison_key), preferred (bool), reason.
// A claim in a shared key must say preferred: true/false; the builder checks one preferred per group.
// A claim with no rival keeps its own slug as key (it may still carry its own reason).
export const claimOverrides = {
  // --- seed (mehr-2025-08-23-seed) and YJC's report of the same meeting ---
  // 52 projects: c040 repeats the 52 four days later with another sector list (conflict 8): same figure, scope unclear.
  c001: { measure: 'change', key: 'qom-52-projects-2025-08', preferred: true, reason: 'Body text of the seed from the press meeting itself; c014 reports the same meeting and c040 repeats the 52 four days later with a different sector list, so the scope is unclear (conflict 8).' },
  c014: { measure: 'change', key: 'qom-52-projects-2025-08', preferred: false },
  c040: { measure: 'change', key: 'qom-52-projects-2025-08', preferred: false },
  c002: { measure: 'change', key: 'qom-jobs-52-projects-2025-08', preferred: true, reason: 'Body text of the seed; c015 (YJC, same meeting) gives the same ~1,900.' },
  c015: { measure: 'change', key: 'qom-jobs-52-projects-2025-08', preferred: false },
  c003: { key: 'qom-beds-2025', preferred: false },
  c016: { key: 'qom-beds-2025', preferred: false },
  // c144 undated (Nowruz, year not printed): as_of stays null by the default.
  c144: { key: 'qom-beds-2025', preferred: true, reason: '14,434 beds in 370 official units is a province total; the 400 of c003/c016 cannot be one, since one new hotel alone has 100 beds (c077), so the 400 are most likely beds added by the new projects.' },
  c004: { key: 'qom-units-revived-so-far', preferred: true, reason: 'Body text of the seed; c019 is the same 350 read only from a headline.' },
  c019: { key: 'qom-units-revived-so-far', preferred: false },
  c005: { measure: 'target' },
  c007: { subject: ['plan', 'qom-four-year-plan'] },
  c008: { subject: ['plan', 'qom-investment-document'] },
  c006: { indicator: 'solar_capacity_operational_mw', key: 'qom-solar-in-operation-2025-08', preferred: false },
  c013: { indicator: 'solar_capacity_operational_mw', key: 'qom-solar-in-operation-2025-08', preferred: false },
  // Flows are compared only with flows: c066 and c093 are each the only report of their period, and the
  // stock comparison above (c006, c013) has no claim that can stand (unresolvedComparisons below).
  c066: { indicator: 'solar_capacity_operational_mw', measure: 'change' },
  c093: { measure: 'change', period_start: '2025-03-22', period_end: '2025-09-22', reason: "Only report of this flow: the governor's 49 MW connected in the six months to 2025-09-22, matching the itemised openings of the period. A flow over a period, not the capacity in operation: no claim stands for that stock (see c006)." },
  c009: { key: 'qom-unfinished-projects-2025-08-23', preferred: false },
  c017: { key: 'qom-unfinished-projects-2025-08-23', preferred: true, reason: "YJC's report of the same meeting gives the count (1,933) that the seed copy lacks (c009 has no value)." },
  // Same spread of progress: c018 gives both ends (1-99%), consistent with the seed's "over 90%" top band.
  c010: { key: 'qom-unfinished-progress-2025-08-23', preferred: false },
  c018: { key: 'qom-unfinished-progress-2025-08-23', preferred: true, reason: 'Gives both ends of the spread (1-99%); consistent with the seed\'s top band of "over 90%" (c010).' },
  c011: { key: 'qom-share-national-area', preferred: false },
  // c124 is from an undated page: as_of null by the default.
  c124: { key: 'qom-share-national-area', preferred: true, reason: 'Agrees with the official area (11,238 of 1,648,195 km², about 0.68%, ostan-fact-sheet); the earlier 1.4% (c011) repeats the production-share target figure (c012).' },
  c012: { measure: 'target' },

  // --- unemployment and macro indicators ---
  c020: { ...SPRING_1404, key: 'qom-unemployment-spring-1404', preferred: true, reason: 'First report of the planning chief\'s 6.9%; c055 repeats the same figure a week later.' },
  c055: { ...SPRING_1404, key: 'qom-unemployment-spring-1404', preferred: false },
  c021: { subject: ['region', 'iran'], ...SPRING_1404, key: 'iran-unemployment-spring-1404', preferred: false },
  // Judgement: same official a week apart; the later, fuller statement of his macro indicators wins. Not checked against the Statistical Centre.
  c056: { subject: ['region', 'iran'], ...SPRING_1404, key: 'iran-unemployment-spring-1404', preferred: true, reason: "The planning chief's later and fuller statement of the season's indicators (c054-c057, with participation rates); he gave 7.2% a week earlier (c021). Not checked against the Statistical Centre's release." },
  c054: { period_start: '2025-07-23', period_end: '2025-08-22' },
  // The 1.71% refers to the 1395 (2016) census, not to the page date: as_of null, period = Jalali 1395.
  c060: { as_of: null, period_start: '2016-03-20', period_end: '2017-03-20' },

  // --- industrial towns (conflict 12) ---
  c023: { subject: ['region', 'shokouhieh'] },
  c024: { key: 'qom-industrial-towns-2025', preferred: true, reason: 'The Industrial Parks Company CEO names seven towns and counts five zones separately (c025); YJC also says seven (c107), while the feature\'s 8 (c108) may count a zone as a town.' },
  c107: { key: 'qom-industrial-towns-2025', preferred: false },
  c108: { key: 'qom-industrial-towns-2025', preferred: false },
  // An expected duration ("within 6 to 9 months") is a forecast, so it is stored as a target.
  c026: { subject: ['project', 'shokouhieh-rail-link'], measure: 'target' },

  // --- energy assets ---
  c027: { subject: ['energy_asset', 'welfare-aggregated-solar'] },
  c028: { subject: ['energy_asset', 'welfare-aggregated-solar'] },
  c062: { subject: ['energy_asset', 'irgc-salami-solar'] },
  c063: { subject: ['energy_asset', 'razzaq-solar'] },
  c082: { subject: ['energy_asset', 'salafchegan-solar'] },
  c083: { subject: ['energy_asset', 'salafchegan-solar-phase-1'] },
  // Investment put on the whole plant: it may cover all 18 MW (qom-claims.md, "Salafchegan investment").
  c084: { subject: ['energy_asset', 'salafchegan-solar'] },
  c085: { subject: ['energy_asset', 'unnamed-1600mw-solar'] },
  c086: { subject: ['energy_asset', 'pak-bana-solar-phase-1'] },
  c087: { subject: ['energy_asset', 'pak-bana-solar-phase-1'] },
  // Conflict 14: 10,000 vs "more than 2,000" households for the same 10 MW phase.
  c088: { subject: ['energy_asset', 'pak-bana-solar-phase-1'], key: 'pak-bana-phase-1-households', preferred: true, reason: 'The specific figure, from the IRIB body text; Mehr\'s "more than 2,000" (c096) is a lower bound that 10,000 does not contradict.' },
  c096: { subject: ['energy_asset', 'pak-bana-solar-phase-1'], key: 'pak-bana-phase-1-households', preferred: false },
  c089: { subject: ['energy_asset', 'pak-bana-solar-phase-2'], key: 'pak-bana-phase-2-capacity', preferred: true, reason: 'IRIB body text: construction of phase two started on 2025-09-22, as Mehr also reports (c095); a third report of the same day (c097) quotes the vice-president more softly: pricing and start still being pursued.' },
  c095: { subject: ['energy_asset', 'pak-bana-solar-phase-2'], key: 'pak-bana-phase-2-capacity', preferred: false },
  c097: { subject: ['energy_asset', 'pak-bana-solar-phase-2'], key: 'pak-bana-phase-2-capacity', preferred: false },
  c090: { subject: ['energy_asset', 'pak-bana-solar-phase-2'] },
  // Plant-level target: capacity_mw with measure target; "within two years" counted from the source date.
  c091: { subject: ['energy_asset', 'pak-bana-solar'], indicator: 'capacity_mw', period_start: '2025-09-22', period_end: '2027-09-22' },
  // "63 MW complex" = 10 MW opened + 53 MW started: a level of the whole plant as reported.
  c094: { subject: ['energy_asset', 'pak-bana-solar'] },
  c098: { subject: ['energy_asset', 'shokouhieh-solar'] },
  c099: { subject: ['energy_asset', 'shokouhieh-solar'] },
  c100: { subject: ['energy_asset', 'national-2000mw-solar'], indicator: 'capacity_mw' },
  c101: { subject: ['energy_asset', 'national-2000mw-solar-phase-1'] },
  c102: { subject: ['energy_asset', 'national-2000mw-solar-phase-1'] }, // 600 ha "for the first stage"
  c113: { subject: ['energy_asset', 'qom-governorate-solar'] },
  c114: { subject: ['energy_asset', 'qom-governorate-solar'] },
  c122: { subject: ['energy_asset', 'relief-committee-aggregated-solar'] },
  c135: { subject: ['energy_asset', 'salafchegan-private-2-7mw-solar'] },
  c136: { subject: ['energy_asset', 'qom-entrance-200mw-solar'] },
  c137: { subject: ['energy_asset', 'unnamed-500mw-solar'] },
  // c139-c142: the ~400 ha private project is taken to be the two 60 MW plants (qom-claims.md, named plants).
  c139: { subject: ['energy_asset', 'private-2x60mw-solar'], key: 'private-2x60mw-site-area', preferred: true, reason: 'Governor on IRIB: nearly 400 ha allocated; the SNN copy (c142) gives the same ~400 ha via an aggregator.' },
  c142: { subject: ['energy_asset', 'private-2x60mw-solar'], key: 'private-2x60mw-site-area', preferred: false },
  // A promise of at least 120 MW within six months is a target, not a built capacity.
  c140: { subject: ['energy_asset', 'private-2x60mw-solar'], measure: 'target' },
  c141: { subject: ['energy_asset', 'private-2x60mw-solar'] }, // value 60 = each of the two plants, as reported
  c149: { subject: ['energy_asset', 'combined-cycle-560mw'] },
  c150: { subject: ['energy_asset', 'gas-chp-570mw'] },

  // --- region-level solar aggregates ---
  c033: { key: 'qom-solar-licensed-2600', preferred: true, reason: "Governor's body statement that 2,600 MW was licensed in the province, repeated by the ABNA headline (c081); Ebrahimi's 'in the country' wording (c065) is stored under Iran, so the scope stays disputed (conflict 2)." },
  c081: { key: 'qom-solar-licensed-2600', preferred: false },
  c065: { subject: ['region', 'iran'] },
  // Capacity in construction, late Aug / early Sep 2025: the governor's stock figure vs. the flow started in government week.
  c034: { reason: 'Only stock report of this date: 600 MW of the licensed capacity had reached construction by 2025-08-26 (governor); c067 counts only what started in government week (>525 MW), a flow consistent with it.' },
  // A flow (started in government week): compared with flows only, so it is not in c034's comparison.
  c067: { indicator: 'solar_capacity_under_construction_mw', measure: 'change' },
  // Large-scale plants only (a narrower scope than c034/c138), undated page.
  c116: { indicator: 'solar_capacity_under_construction_mw' },
  c035: { ...BY_END_1404 },
  c061: {},

  // --- housing (conflict 13) ---
  c029: { subject: ['project', 'pardisan-housing-site'], measure: 'change' },
  c030: { subject: ['project', 'national-housing-movement-qom'], key: 'nhm-qom-units-2025-08', preferred: true, reason: "Governor's body figure (90,000); the roads DG independently gives more than 90,000 (c047) and 92,000 recurs in December (c118), while the 86,000 of c044 is contradicted by its own article's headline (c045)." },
  c044: { subject: ['project', 'national-housing-movement-qom'], key: 'nhm-qom-units-2025-08', preferred: false },
  c045: { subject: ['project', 'national-housing-movement-qom'], key: 'nhm-qom-units-2025-08', preferred: false },
  c047: { subject: ['project', 'national-housing-movement-qom'], key: 'nhm-qom-units-2025-08', preferred: false },
  c118: { subject: ['project', 'national-housing-movement-qom'], preferred: true, reason: 'Only report at this date (December 2025; headline only).' },
  c031: { subject: ['project', 'national-housing-movement-qom'], ...BY_END_1404, key: 'nhm-qom-handover-target-1404', preferred: true, reason: "Governor's floor of at least 10,000 units; the deputy's 15,000-20,000 two days later (c046) satisfies it, so the floor is what both reports support." },
  c046: { subject: ['project', 'national-housing-movement-qom'], ...BY_END_1404, key: 'nhm-qom-handover-target-1404', preferred: false },
  c032: { subject: ['project', 'national-housing-movement-qom'], key: 'nhm-qom-progress-2025-08', preferred: true, reason: "Governor's body figure (60%); the 62% of c048 comes from a headline whose body says the 12 sites average over 50%." },
  c048: { subject: ['project', 'national-housing-movement-qom'], key: 'nhm-qom-progress-2025-08', preferred: false },
  c119: { subject: ['project', 'national-housing-movement-qom'], preferred: true, reason: 'Only report at this date (December 2025, headline only); it conflicts with the 60-62% of August (c032, c048), probably a different basis.' },

  // --- agriculture ---
  // The JSON places c037 in Jafarabad district (the ceremony); ISNA (c042) reports 28 projects opened simultaneously
  // in the province, probably the same 28. Kept under each region as reported, not summed.
  c037: { subject: ['region', 'jafarabad'], measure: 'change', preferred: true, reason: 'Only report for Jafarabad district; probably the same 28 projects that ISNA reports for the province (c042).' },
  c042: { measure: 'change' },
  c043: { measure: 'change' },
  c041: { measure: 'change' },

  // --- licences, jobs and investment (conflict 11) ---
  // imna-undated-899070-smt is undated: "last 12 months" cannot be dated, so no period and as_of null.
  c049: { measure: 'change' },
  c050: { measure: 'change' },
  c051: { measure: 'change' },
  c052: { measure: 'change', key: 'qom-operating-licences-past-year-2025', preferred: false },
  c069: { measure: 'change', key: 'qom-operating-licences-past-year-2025', preferred: true, reason: 'Dated IRIB report (2025-09-02) with the breakdown (112 new, 100 expansions); c052 gives the same 212 from an undated page.' },
  c053: { measure: 'change', key: 'qom-jobs-212-operating-licences', preferred: false },
  c071: { measure: 'change', key: 'qom-jobs-212-operating-licences', preferred: true, reason: "Dated IRIB report (2025-09-02): more than 11,000; IMNA's 12,000 (c053) comes from an undated page that also ties 11,000 jobs to establishment licences (c051), so its figures may be conflated." },
  // "past year" (c069-c071) is left without period dates: it may mean the last 12 months or Jalali 1403.
  c070: { measure: 'change' },
  c073: { measure: 'change', ...LAST_12M_TO_2025_09_02 },
  c074: { measure: 'change', ...LAST_12M_TO_2025_09_02 },
  c075: { measure: 'change', ...LAST_12M_TO_2025_09_02 },
  c076: { measure: 'target', ...YEAR_1404 },
  c072: { preferred: true, reason: 'Only report of this scope (industrial projects with over 60% progress); not comparable with the 1,933 of c017.' },
  // Licences issued in a period with the money and jobs attached: flows.
  c103: { measure: 'change' },
  c104: { measure: 'change' },
  c110: { measure: 'change' },
  c111: { measure: 'change', period_start: '2025-03-21', period_end: '2025-10-22' },
  c112: { measure: 'change', period_start: '2025-09-23', period_end: '2025-10-22' },
  c128: { ...YEAR_1404 },
  c130: { ...YEAR_1404 },
  c131: { measure: 'change', ...FIRST_9M_1404 },
  c132: { measure: 'change', ...FIRST_9M_1404 },
  c133: { measure: 'change', ...FIRST_9M_1404 },
  c134: { measure: 'change', ...FIRST_9M_1404 },
  // "first half of 1404" was still running when said (2025-09-02): start only.
  c064: { measure: 'change', period_start: '2025-03-21' },

  // --- electricity demand (conflict 15) ---
  c068: { key: 'qom-peak-demand-summer-2025', preferred: true, reason: "Dated report (2025-09-02) of the deputy's 1,100-1,200 MW; the ~1,300 MW of c143 comes from an undated aggregator copy." },
  c143: { key: 'qom-peak-demand-summer-2025', preferred: false },
  c092: { key: 'qom-power-deficit-summer-2025', preferred: true, reason: "Governor's dated statement (2025-09-22) of a 300 MW shortfall this summer; c115 gives about 300 MW on an undated page." },
  c115: { key: 'qom-power-deficit-summer-2025', preferred: false },

  // --- tourism ---
  c077: { subject: ['project', 'ava-hotel'] },
  c078: { subject: ['project', 'shahr-e-shadi'] },
  c148: { measure: 'change' }, // pilgrims per year: a flow

  // --- sectors (c125-c127); c079/c080 stay on region qom ---
  c125: { subject: ['sector', 'home-appliances'] },
  c126: { subject: ['sector', 'motorcycles'] },
  c127: { subject: ['sector', 'protein-products'] },

  // --- infrastructure ---
  c120: { subject: ['project', 'qom-airport'] },
  c121: { subject: ['project', 'jafarieh-beltway'] },
};

// Region a claim applies to when the subject is a sector or a plan (projects and assets use their own region).
export const sectorClaimRegion = 'qom';

// Comparisons in which no claim can stand for the figure: none is preferred, and this is why.
export const unresolvedComparisons = {
  'qom-solar-in-operation-2025-08': 'No report gives the solar capacity in operation as a stock: the 565 MW of c006/c013 is close to 45 MW opened plus more than 525 MW started (c066 + c067), so it most likely counts capacity opened or started; the only operating figures are flows (c066: 45 MW opened in government week; c093: 49 MW connected in the six months to 2025-09-22).',
};

// Quantities: claims about one quantity filed under different indicators or scopes, linked so that each is
// visible from the others (with its conflict group, Claim.related). Every member has a scope note below.
export const quantities = {
  'qom-new-jobs-2025': ['c002', 'c015', 'c051', 'c053', 'c071', 'c075', 'c104', 'c133', 'c128', 'c130'],
  'qom-projects-opened-2025': ['c001', 'c014', 'c040', 'c037', 'c042'],
};

// One line per claim saying what the figure covers; claims without one get a note built from their
// indicator, subject, measure and period (scripts/data/build-seed-links.mjs). Words only: no new figures.
export const scopeNotes = {
  c002: 'Jobs created by the 52 projects opened in recent weeks (seed).',
  c015: "The same 52 projects' jobs, from YJC's report of the same meeting.",
  c051: 'Jobs tied loosely to the 361 establishment licences of the last 12 months (undated IMNA page).',
  c053: 'Job capacity of the 212 operating licences of the past year (undated IMNA page).',
  c071: 'Job capacity of the 212 operating licences of the past year (IRIB, 2025-09-02).',
  c075: 'Jobs from the 63 idle units revived in the last 12 months.',
  c104: 'Job capacity of the establishment licences for new units and expansions reported on 2025-10-22.',
  c133: 'Job capacity of the 82 expansion projects licensed in the first nine months of 1404.',
  c128: "The province's commitment for 1404, counted in job-creating plans, not jobs.",
  c130: "The province's commitment for 1404, counted in new jobs.",
  c001: 'Projects opened in recent weeks in industry, tourism, agriculture and services (seed).',
  c014: "The same 52 projects, from YJC's report of the same meeting.",
  c040: 'Projects opened in government week in tourism, industry and services (agriculture not listed).',
  c037: 'Agricultural projects opened at the Jafarabad district ceremony.',
  c042: 'Agricultural projects opened across the province for government week (probably the same 28 as c037).',
  c006: 'Solar "in use" in industry and production (seed); close to opened plus started (c066 + c067), so not the stock in operation.',
  c013: "The same 565 MW, from YJC's report of the same meeting.",
  c034: 'Licensed solar capacity that had reached construction by 2025-08-26: a stock under construction.',
  c066: 'Solar capacity opened in government week only: a flow, not the stock in operation.',
  c067: 'Solar capacity whose construction started in government week: a flow, part of the stock under construction.',
  c093: 'Solar capacity connected to the grid in the six months to 2025-09-22: a flow, not the stock in operation.',
  c116: 'Large-scale solar plants only, under construction, to connect by the end of Khordad 1405 (undated page).',
  c138: 'All solar capacity under construction in the province, as of 2026-01-06.',
};

// Which itemised records a region-level indicator counts (projects by status, or plant MW by status and
// technology), so that a total of those records is shown beside the figures reported for the same
// quantity and scope (src/db/coverage.ts). Planned solar is set beside targets and memoranda.
export const indicatorTotals = [
  { indicator: 'unfinished_projects', entity: 'project', status: 'under_construction', technology: null },
  { indicator: 'projects_opened', entity: 'project', status: 'operational', technology: null },
  { indicator: 'solar_capacity_operational_mw', entity: 'energy_asset', status: 'operational', technology: 'solar_pv' },
  { indicator: 'solar_capacity_under_construction_mw', entity: 'energy_asset', status: 'under_construction', technology: 'solar_pv' },
  { indicator: 'solar_capacity_licensed_mw', entity: 'energy_asset', status: 'licensed', technology: 'solar_pv' },
  { indicator: 'solar_capacity_target_mw', entity: 'energy_asset', status: 'planned', technology: 'solar_pv' },
  { indicator: 'solar_capacity_mou_mw', entity: 'energy_asset', status: 'planned', technology: 'solar_pv' },
];
