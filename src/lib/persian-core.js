// The ONE implementation of Ostan's search-text normalisation and of what the search index holds.
// Plain ESM JavaScript (types in persian-core.d.ts) so that both the Worker (through
// src/lib/persian.ts) and the Node seed builder (scripts/data/build-search-seed.mjs) import the same code:
// text indexed by the seed, text indexed by a mutation and the text of a query can never drift apart.
//
// Changing anything here changes the indexed form: bump NORMALIZER_VERSION and ship a migration that
// rebuilds search_index (applied migrations never run again, so editing 0004 is not enough).

/** Bumped whenever normalizeForSearch or compactForSearch would give a different result. */
export const NORMALIZER_VERSION = 1;

/** Longest query text (UTF-16 code units, before normalisation) a caller should accept. */
export const MAX_SEARCH_LENGTH = 200;

/** The trigram tokenizer cannot match fewer characters than this; shorter queries are refused. */
export const MIN_TRIGRAM_LENGTH = 3;

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Format characters (general category Cf): ZWNJ U+200C, ZWJ U+200D, ZWSP U+200B, LRM/RLM, ALM U+061C,
// bidi embeddings/overrides/isolates U+202A-U+202E and U+2066-U+2069, word joiner U+2060,
// BOM U+FEFF, soft hyphen U+00AD, Arabic number signs U+0600-U+0605, ... They are removed, not
// turned into spaces: «پروژه‌ها» must become «پروژهها», the spelling the source copies have.
const FORMAT_CHARS = /\p{Cf}/gu;
// Control characters (tab, newline, NUL, ...) separate words.
const CONTROL_CHARS = /\p{Cc}/gu;
// Combining grapheme joiner and variation selectors: invisible, removed.
const INVISIBLE_MARKS = /[\u034F\uFE00-\uFE0F]/g;

// Letter variants folded to the Persian letter (after NFKC, which has already turned Arabic
// presentation forms such as U+FEDB into their base letters).
const LETTER_MAP = new Map([
  ['\u064A', '\u06CC'], // ي Arabic yeh → ی
  ['\u0649', '\u06CC'], // ى alef maksura → ی
  ['\u0626', '\u06CC'], // ئ yeh with hamza → ی («رئیس»/«رییس», «پائیز»/«پاییز» are both written)
  ['\u06D0', '\u06CC'], // ې
  ['\u0643', '\u06A9'], // ك Arabic kaf → ک
  ['\u06AA', '\u06A9'], // ڪ swash kaf → ک
  ['\u0629', '\u0647'], // ة teh marbuta → ه
  ['\u06C0', '\u0647'], // ۀ heh with yeh above → ه (also typed as ه + U+0654, removed as a mark)
  ['\u06BE', '\u0647'], // ھ heh doachashmee → ه
  ['\u06C1', '\u0647'], // ہ heh goal → ه
  ['\u06C2', '\u0647'], // ۂ heh goal with hamza → ه
  ['\u06C3', '\u0647'], // ۃ → ه
  ['\u06D5', '\u0647'], // ە ae → ه
  ['\u0623', '\u0627'], // أ alef with hamza above → ا
  ['\u0625', '\u0627'], // إ alef with hamza below → ا
  ['\u0671', '\u0627'], // ٱ alef wasla → ا
  ['\u0672', '\u0627'], // ٲ
  ['\u0673', '\u0627'], // ٳ
  ['\u0624', '\u0648'], // ؤ waw with hamza → و («مسؤول»/«مسوول»)
  ['\u066A', '%'], // ٪ Arabic percent sign (then a separator like any symbol)
  // آ (U+0622) is deliberately kept: it is a letter of the Persian alphabet with its own key, and
  // Persian spelling writes it consistently («آب», «آزادراه»); أ/إ/ٱ are Arabic hamza spellings
  // that Persian text writes inconsistently («مسأله»/«مساله»), so they fold to ا.
]);
const LETTER_VARIANTS = new RegExp(`[${[...LETTER_MAP.keys()].join('')}]`, 'g');

// Arabic diacritics and Quranic marks: honorific signs U+0610-U+061A, harakat/tanwin/shadda/sukun
// and hamza/madda above/below U+064B-U+065F, superscript alef U+0670, Quranic annotation marks
// U+06D6-U+06ED, extended-A marks U+08D3-U+08FF; plus tatweel U+0640.
const ARABIC_MARKS = /[\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06ED\u08D3-\u08FF]/g;

// ۰-۹ (U+06F0-U+06F9) and ٠-٩ (U+0660-U+0669) → 0-9.
const EASTERN_DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
const foldDigit = (/** @type {string} */ d) => {
  const c = d.charCodeAt(0);
  return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
};
// ٫ (Arabic decimal separator) and '/' (the usual decimal mark in Iranian print, «۲/۵ میلیون»)
// between digits become '.', so «۲٫۵», «۲/۵» and «2.5» are one number.
const DECIMAL_SEPARATOR = /(?<=[0-9])[\u066B/](?=[0-9])/g;
// ٬ (Arabic thousands separator) and ',' between a digit and exactly three more digits are dropped,
// so «۲٬۶۰۰», «2,600» and «2600» are one number.
const THOUSANDS_SEPARATOR = /(?<=[0-9])[\u066C,](?=[0-9]{3}(?![0-9]))/g;
// Everything else that is punctuation or a symbol separates words ('.' between digits excepted).
const PUNCTUATION = /[\p{P}\p{S}]/gu;
const WHITESPACE = /\s+/gu;

/**
 * Normalises text for search, identically for indexing and for querying.
 * Never throws; returns '' for text with nothing searchable in it.
 * @param {string} text
 * @returns {string}
 */
export function normalizeForSearch(text) {
  if (typeof text !== 'string' || text === '') return '';
  let s = text.replace(LONE_SURROGATE, '');
  s = s.replace(FORMAT_CHARS, '').replace(INVISIBLE_MARKS, '').replace(CONTROL_CHARS, ' ');
  // NFKC: presentation forms → letters, full-width → ASCII, ﷼ → ریال, ² → 2, NBSP → space; it also
  // composes ا + U+0653 into آ, so a decomposed madda survives the mark removal below.
  s = s.normalize('NFKC');
  s = s.replace(LETTER_VARIANTS, (c) => LETTER_MAP.get(c) ?? c);
  s = s.replace(ARABIC_MARKS, '');
  s = s.replace(EASTERN_DIGITS, foldDigit);
  s = s.replace(DECIMAL_SEPARATOR, '.').replace(THOUSANDS_SEPARATOR, '');
  s = s.toLowerCase();
  s = s.replace(PUNCTUATION, (c, offset, whole) =>
    c === '.' && isAsciiDigit(whole, offset - 1) && isAsciiDigit(whole, offset + 1) ? '.' : ' ',
  );
  return s.replace(WHITESPACE, ' ').trim();
}

/**
 * @param {string} s
 * @param {number} i
 */
function isAsciiDigit(s, i) {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * The form the trigram index holds and queries match: normalised text without any spaces, so
 * «پروژه‌ها», «پروژهها» and «پروژه ها» (and «qom–tehran»/«qom tehran») are the same string.
 * @param {string} normalised output of normalizeForSearch
 * @returns {string}
 */
export function compactForSearch(normalised) {
  return normalised.replace(WHITESPACE, '');
}

// ---------- what the index holds ----------

// Kinds and their fields. The position of a field is part of the row id: only ever APPEND fields,
// and never renumber a kind (both would need a rebuild of search_index).
/** @type {Readonly<Record<string, { code: number, table: string, fields: readonly string[] }>>} */
export const SEARCH_KINDS = Object.freeze({
  region: { code: 1, table: 'regions', fields: ['name_fa', 'name_en'] },
  sector: { code: 2, table: 'sectors', fields: ['name_fa', 'name_en'] },
  source: { code: 3, table: 'sources', fields: ['publisher', 'title_en', 'title_fa'] },
  indicator: { code: 4, table: 'indicators', fields: ['name_fa', 'name_en', 'description_en'] },
  project: {
    code: 5,
    table: 'projects',
    fields: ['name_fa', 'name_en', 'description_fa', 'description_en', 'investors'],
  },
  energy_asset: {
    code: 6,
    table: 'energy_assets',
    fields: ['name_fa', 'name_en', 'location_fa', 'location_en', 'owner'],
  },
  plan: { code: 7, table: 'plans', fields: ['name_fa', 'name_en', 'description_en'] },
  claim: {
    code: 8,
    table: 'claims',
    fields: ['key_phrase_fa', 'note_en', 'speaker_fa', 'speaker_en', 'value', 'value_max'],
  },
});

/** How much a match in a field counts (multiplies bm25). Names matter more than notes. */
export const FIELD_WEIGHTS = Object.freeze({
  name_fa: 4,
  name_en: 4,
  key_phrase_fa: 3,
  title_en: 2,
  title_fa: 2,
  value: 2,
  value_max: 2,
  publisher: 1.5,
  description_fa: 1,
  description_en: 1,
  location_fa: 1,
  location_en: 1,
  investors: 1,
  owner: 1,
  note_en: 1,
  speaker_fa: 1,
  speaker_en: 1,
});

/**
 * @param {string} kind
 */
function kindInfo(kind) {
  const k = Object.hasOwn(SEARCH_KINDS, kind) ? SEARCH_KINDS[kind] : undefined;
  if (!k) throw new RangeError(`unknown search kind: ${kind}`);
  return k;
}

// rowid = entity_id * 256 + kind code * 16 + field position: one entity's rows are one rowid range,
// so re-indexing or deleting an entity is a rowid range operation, not a scan of the FTS table.
export const SEARCH_KIND_STRIDE = 16;
export const SEARCH_ENTITY_STRIDE = 256;

/**
 * The rowid range [first, last] that holds one entity's rows.
 * @param {string} kind
 * @param {number} entityId
 * @returns {[number, number]}
 */
export function searchRowIdRange(kind, entityId) {
  const k = kindInfo(kind);
  if (!Number.isSafeInteger(entityId) || entityId < 1 || entityId > 2 ** 44)
    throw new RangeError(`bad entity id: ${entityId}`);
  const first = entityId * SEARCH_ENTITY_STRIDE + k.code * SEARCH_KIND_STRIDE;
  return [first, first + SEARCH_KIND_STRIDE - 1];
}

/**
 * The index rows for one entity: one per non-empty field, already normalised.
 * Numbers are written as plain decimals (565, 0.3), so a query «۵۶۵» finds the figure 565.
 * @param {string} kind
 * @param {Readonly<Record<string, unknown>>} values field name → raw value (null/undefined skipped)
 * @returns {{ field: string, position: number, text: string, compact: string }[]}
 */
export function searchDocuments(kind, values) {
  const k = kindInfo(kind);
  /** @type {{ field: string, position: number, text: string, compact: string }[]} */
  const docs = [];
  k.fields.forEach((field, position) => {
    const raw = values[field];
    if (raw === null || raw === undefined) return;
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) return;
    } else if (typeof raw !== 'string') {
      throw new TypeError(`${kind}.${field}: expected text or a number, got ${typeof raw}`);
    }
    const text = normalizeForSearch(String(raw));
    if (text === '') return;
    docs.push({ field, position, text, compact: compactForSearch(text) });
  });
  return docs;
}
