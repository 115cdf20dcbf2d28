import { describe, expect, it } from 'vitest';
import {
  compactForSearch,
  ftsAllOf,
  MAX_SEARCH_LENGTH,
  normalizeForSearch,
  SEARCH_KINDS,
  searchDocuments,
  searchRowIdRange,
  trigramsOf,
} from '../../src/lib/persian';

// [what, input, normalised]
const CASES: [string, string, string][] = [
  // yeh and kaf
  ['Arabic yeh ي → ی', 'علي', 'علی'],
  ['alef maksura ى → ی', 'موسى', 'موسی'],
  ['yeh with hamza ئ → ی', 'رئيس', 'رییس'],
  ['Persian yeh unchanged', 'ایران', 'ایران'],
  ['Arabic kaf ك → ک', 'كفش', 'کفش'],
  ['swash kaf ڪ → ک', 'ڪفش', 'کفش'],
  // heh
  ['teh marbuta ة → ه', 'مدرسة', 'مدرسه'],
  ['heh with yeh ۀ → ه', 'توسعۀ', 'توسعه'],
  ['heh + hamza above mark → ه', 'توسعه\u0654', 'توسعه'],
  ['heh doachashmee ھ → ه', 'ھتل', 'هتل'],
  ['heh goal ہ → ه', 'ہتل', 'هتل'],
  // alef: آ kept, hamza forms folded
  ['alef madda آ kept', 'آزادراه', 'آزادراه'],
  ['decomposed alef + madda composes to آ', 'ا\u0653ب', 'آب'],
  ['alef hamza above أ → ا', 'مسألة', 'مساله'],
  ['alef hamza below إ → ا', 'إسلام', 'اسلام'],
  ['alef wasla ٱ → ا', 'ٱلله', 'الله'],
  ['waw with hamza ؤ → و', 'مسؤول', 'مسوول'],
  // invisible characters
  ['ZWNJ removed', 'پروژه\u200Cها', 'پروژهها'],
  ['ZWJ removed', 'پروژه\u200Dها', 'پروژهها'],
  ['zero-width space removed', 'قم\u200Bقم', 'قمقم'],
  ['LRM/RLM/ALM removed', '\u200Eقم\u200F\u061C', 'قم'],
  ['bidi embeddings and isolates removed', '\u202Bقم\u202C \u2067qom\u2069', 'قم qom'],
  ['BOM, word joiner, soft hyphen removed', '\uFEFFso\u00ADlar\u2060', 'solar'],
  ['tatweel removed', 'قـــــم', 'قم'],
  // diacritics
  ['harakat and shadda removed', 'مُحَمَّد', 'محمد'],
  ['tanwin removed', 'حتماً', 'حتما'],
  ['sukun removed', 'قُمْ', 'قم'],
  ['superscript alef removed', 'رحمٰن', 'رحمن'],
  ['Quranic marks removed', 'قم\u06D6\u06E1', 'قم'],
  // digits and separators
  ['Persian digits', '۰۱۲۳۴۵۶۷۸۹', '0123456789'],
  ['Arabic-Indic digits', '٠١٢٣٤٥٦٧٨٩', '0123456789'],
  ['Persian 565', '۵۶۵', '565'],
  ['Arabic decimal separator ٫', '۲٫۵', '2.5'],
  ['slash as decimal mark between digits', '۲/۵ میلیون', '2.5 میلیون'],
  ['ASCII decimal point kept between digits', '۱۲.۵ کیلومتر', '12.5 کیلومتر'],
  ['Arabic thousands separator ٬ dropped', '۲٬۶۰۰', '2600'],
  ['comma thousands dropped', '1,933 projects', '1933 projects'],
  ['comma not before 3 digits separates', '1,20', '1 20'],
  ['Arabic percent sign separates', '۵۰٪', '50'],
  // Latin, NFKC, punctuation, whitespace
  ['Latin lower-cased', 'Qom Province', 'qom province'],
  ['full-width Latin (NFKC)', 'ＱＯＭ', 'qom'],
  ['Arabic presentation forms (NFKC)', 'ﻛﻔﺶ', 'کفش'],
  ['rial sign (NFKC)', '﷼', 'ریال'],
  ['superscript two (NFKC)', 'km²', 'km2'],
  ['punctuation separates', 'Qom–Tehran (freeway), «قم»؛ ؟', 'qom tehran freeway قم'],
  ['Arabic comma separates', 'قم،تهران', 'قم تهران'],
  ['sentence full stop dropped', 'in Qom.', 'in qom'],
  ['whitespace collapsed and trimmed', '  قم\t\n  تهران\u00A0 ', 'قم تهران'],
  [
    'FTS metacharacters are just separators',
    '"qom" OR solar* NEAR(a b) -x ^y col:z',
    'qom or solar near a b x y col z',
  ],
  // invalid input
  ['lone high surrogate stripped', 'q\uD800om', 'qom'],
  ['lone low surrogate stripped', 'q\uDC00om', 'qom'],
  ['valid surrogate pair kept', 'a😀b', 'a b'],
  ['NUL separates', 'q\u0000om', 'q om'],
  ['empty', '', ''],
  ['only invisible characters', '\u200C\u200D\u0640\u064B', ''],
];

describe('normalizeForSearch', () => {
  it.each(CASES)('%s', (_what, input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const [, input] of CASES) {
      const once = normalizeForSearch(input);
      expect(normalizeForSearch(once), input).toBe(once);
    }
  });

  it('makes the three spellings of «پروژه‌ها» one compact string', () => {
    const forms = ['پروژه\u200Cها', 'پروژهها', 'پروژه ها', 'پروژه\u200C ها', 'پروژة‌ها'];
    const compact = forms.map((f) => compactForSearch(normalizeForSearch(f)));
    expect(new Set(compact)).toEqual(new Set(['پروژهها']));
  });

  it('never throws on odd input', () => {
    const odd = [
      '\uD800\uD800',
      '\uDFFF',
      '\u0000'.repeat(10),
      'ﷺ',
      '\u0600\u0601',
      'x'.repeat(10_000),
    ];
    for (const s of odd) expect(typeof normalizeForSearch(s)).toBe('string');
    expect(normalizeForSearch(undefined as unknown as string)).toBe('');
  });

  it('exports a query length limit', () => {
    expect(MAX_SEARCH_LENGTH).toBe(200);
  });
});

describe('ftsAllOf and trigramsOf', () => {
  it.each([
    ['one term, restricted to the indexed column', ['foo'], 'compact : "foo"'],
    ['all of several terms', ['پرو', 'روژ'], 'compact : "پرو" AND compact : "روژ"'],
    ['quote doubled', ['a"b'], 'compact : "a""b"'],
    ['operators stay inside the string', ['OR*'], 'compact : "OR*"'],
    ['NEAR and parentheses literal', ['R(a'], 'compact : "R(a"'],
  ] as const)('%s', (_what, terms, expected) => {
    expect(ftsAllOf(terms)).toBe(expected);
  });

  it('cuts distinct trigrams by character, not UTF-16 unit', () => {
    expect(trigramsOf('قم')).toEqual([]);
    expect(trigramsOf('abcab')).toEqual(['abc', 'bca', 'cab']);
    expect(trigramsOf('aaaa')).toEqual(['aaa']);
    expect(trigramsOf('😀😀')).toEqual([]);
    expect(trigramsOf('😀😀😀')).toEqual(['😀😀😀']);
  });
});

describe('searchDocuments and row ids', () => {
  it('normalises each non-empty field and writes numbers as decimals', () => {
    expect(
      searchDocuments('claim', {
        key_phrase_fa: 'ظرفیت ۵۶۵ مگاوات',
        note_en: null,
        speaker_fa: '',
        value: 565,
        value_max: 0.3,
      }),
    ).toEqual([
      { field: 'key_phrase_fa', position: 0, text: 'ظرفیت 565 مگاوات', compact: 'ظرفیت565مگاوات' },
      { field: 'value', position: 4, text: '565', compact: '565' },
      { field: 'value_max', position: 5, text: '0.3', compact: '0.3' },
    ]);
  });

  it('ignores columns that are not indexed and rejects unknown kinds', () => {
    expect(
      searchDocuments('sector', { name_fa: 'كفش', slug: 'footwear', isic_code: '1520' }),
    ).toEqual([{ field: 'name_fa', position: 0, text: 'کفش', compact: 'کفش' }]);
    expect(() => searchDocuments('toString' as never, {})).toThrow(RangeError);
  });

  it('gives every kind its own rowid range per entity', () => {
    const ranges = Object.keys(SEARCH_KINDS).flatMap((kind) =>
      [1, 2].map((id) => searchRowIdRange(kind as keyof typeof SEARCH_KINDS, id)),
    );
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i]?.[0]).toBeGreaterThan(sorted[i - 1]?.[1] ?? Number.POSITIVE_INFINITY);
    }
    for (const info of Object.values(SEARCH_KINDS))
      expect(info.fields.length).toBeLessThanOrEqual(16);
    expect(() => searchRowIdRange('claim', 0)).toThrow(RangeError);
    expect(() => searchRowIdRange('claim', 1.5)).toThrow(RangeError);
  });
});
