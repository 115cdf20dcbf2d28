// Search against the real migrated D1 (schema, Qom seed and its search index: migrations 0001-0004).

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Db } from '../../src/db/client';
import {
  CANDIDATES_PER_HIT,
  SEARCH_SQL,
  type SearchKind,
  SearchTextTooLongError,
  searchDeleteStatement,
  searchIndexStatements,
  searchRows,
} from '../../src/db/search';
import { InputError } from '../../src/lib/errors';
import { ftsAllOf, SEARCH_KINDS, searchDocuments } from '../../src/lib/persian';

const db = () => env.DB;

/** Entity slugs for a result list, e.g. 'sector:footwear'. */
async function slugs(rows: { kind: SearchKind; id: number }[]): Promise<string[]> {
  const out: string[] = [];
  for (const { kind, id } of rows) {
    const table = SEARCH_KINDS[kind].table;
    const row = await db()
      .prepare(`SELECT slug FROM ${table} WHERE id = ?`)
      .bind(id)
      .first<{ slug: string }>();
    out.push(`${kind}:${row?.slug}`);
  }
  return out;
}

async function find(text: string, limit = 100): Promise<string[]> {
  return slugs(await searchRows(new Db(env.DB), text, limit));
}

async function totalEntities(): Promise<number> {
  const row = await db()
    .prepare('SELECT count(*) AS n FROM (SELECT DISTINCT kind, entity_id FROM search_index)')
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe('the seeded search index', () => {
  it('indexes every seeded entity with exactly the text the runtime normaliser gives', async () => {
    for (const [kind, info] of Object.entries(SEARCH_KINDS) as [
      SearchKind,
      (typeof SEARCH_KINDS)[SearchKind],
    ][]) {
      const { results: entities } = await db()
        .prepare(`SELECT * FROM ${info.table} ORDER BY id`)
        .all<Record<string, string | number | null> & { id: number }>();
      const { results: indexed } = await db()
        .prepare(
          'SELECT rowid, entity_id, field, text, compact FROM search_index WHERE kind = ? ORDER BY rowid',
        )
        .bind(kind)
        .all<{ rowid: number; entity_id: number; field: string; text: string; compact: string }>();
      expect(entities.length, kind).toBeGreaterThan(0);
      const expected = entities.flatMap((e) =>
        searchDocuments(kind, e).map((d) => ({
          rowid: e.id * 256 + info.code * 16 + d.position,
          entity_id: e.id,
          field: d.field,
          text: d.text,
          compact: d.compact,
        })),
      );
      // the seed (normalised in Node by the build script) equals what the Worker computes from the rows
      expect(indexed, kind).toEqual(expected);
      expect(new Set(indexed.map((r) => r.entity_id)).size, `every ${kind} is indexed`).toBe(
        entities.length,
      );
    }
  });
});

describe('searchRows', () => {
  it('finds the same rows for «پروژه‌ها» (ZWNJ), «پروژهها» (none) and «پروژه ها» (space)', async () => {
    const zwnj = await searchRows(new Db(env.DB), 'پروژه\u200Cها', 100);
    const joined = await searchRows(new Db(env.DB), 'پروژهها', 100);
    const spaced = await searchRows(new Db(env.DB), 'پروژه ها', 100);
    expect(zwnj.length).toBeGreaterThan(0);
    expect(joined).toEqual(zwnj);
    expect(spaced).toEqual(zwnj);
    // the indicators are spelt with ZWNJ in curation.mjs («پروژه‌های نیمه‌تمام»)
    expect(await slugs(zwnj)).toEqual(
      expect.arrayContaining(['indicator:projects_opened', 'indicator:unfinished_projects']),
    );
    // and the other way round: the claims' copies lost their ZWNJ («طرحهای نیمهتمام»)
    const a = await find('طرح‌های نیمه‌تمام');
    expect(a.length).toBeGreaterThan(0);
    expect(await find('طرحهای نیمهتمام')).toEqual(a);
    expect(await find('طرح های نیمه تمام')).toEqual(a);
  });

  it('finds «کفش» rows when asked with an Arabic kaf «كفش»', async () => {
    const arabic = await find('كفش');
    expect(arabic).toEqual(expect.arrayContaining(['sector:footwear', 'project:footwear-chain']));
    expect(await find('کفش')).toEqual(arabic);
    // Arabic yeh: «انرژي خورشيدي» finds the solar-power sector «انرژی خورشیدی»
    expect(await find('انرژي خورشيدي')).toContain('sector:solar-power');
  });

  it('finds claim c006 (565 MW) from Persian digits «۵۶۵», Arabic-Indic «٥٦٥» and ASCII 565', async () => {
    const persian = await find('۵۶۵');
    expect(persian).toContain('claim:c006');
    expect(await find('٥٦٥')).toEqual(persian);
    expect(await find('565')).toEqual(persian);
    // the key phrase «ظرفیت ۵۶۵ مگاوات» with Arabic letters and no spaces
    expect(await find('ظرفيت۵۶۵مگاوات')).toContain('claim:c006');
  });

  it('finds rows from English words, case-insensitively, including multi-word phrases', async () => {
    const footwear = await find('Footwear');
    expect(footwear).toEqual(expect.arrayContaining(['sector:footwear', 'project:footwear-chain']));
    expect(await find('FOOTWEAR')).toEqual(footwear);
    expect(await find('qom airport')).toContain('project:qom-airport');
    expect(await find('Mehr News Agency')).toContain('source:mehr-2025-08-23-seed');
  });

  it('ranks a better match first (bm25 times the field weight)', async () => {
    const rows = await searchRows(new Db(env.DB), 'footwear', 100);
    const found = await slugs(rows);
    // the sector is named exactly «Footwear»; the project's name only contains it
    expect(found[0]).toBe('sector:footwear');
    expect(found.indexOf('sector:footwear')).toBeLessThan(found.indexOf('project:footwear-chain'));
    const ranks = rows.map((r) => r.rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    expect(ranks.every((r) => r < 0)).toBe(true);
    // a name match beats a match in a claim's note
    const solar = await find('انرژی خورشیدی');
    expect(solar[0]).toBe('sector:solar-power');
  });

  it.each(['قم', ' ق م\u200C ', 'a', 'ab', '12'])(
    'refuses %j, shorter than a trigram, naming the argument',
    async (text) => {
      const refused = searchRows(new Db(env.DB), text, 10);
      await expect(refused).rejects.toBeInstanceOf(InputError);
      await expect(refused).rejects.toMatchObject({
        argument: 'text',
        message: expect.stringContaining('at least 3 letters or digits'),
      });
    },
  );

  it('reads the texts of its rarest trigrams only, however common the others are', async () => {
    const d = db();
    // 3,000 texts sharing every trigram of «پروژهساختگی», and one number among them
    const statements = Array.from({ length: 3000 }, (_, i) =>
      d
        .prepare(
          'INSERT INTO search_index (rowid, kind, entity_id, field, text, compact) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
        )
        .bind(
          (900_000 + i) * 256 + 64,
          'project',
          900_000 + i,
          'name_fa',
          `پروژه ساختگی ${i + 5000}`,
          `پروژهساختگی${i + 5000}`,
        ),
    );
    for (let i = 0; i < statements.length; i += 500) await d.batch(statements.slice(i, i + 500));

    const counted = new Db(env.DB);
    const rows = await searchRows(counted, 'پروژه ساختگی ۷۷۷۷', 20);
    expect(rows.map((r) => r.id)).toEqual([907_777 - 5000]);
    // the trigram frequencies, then the few texts holding «777»: nowhere near 3,000
    expect(counted.stats.queries).toBe(2);
    expect(counted.stats.rowsRead).toBeLessThan(100);

    // a text every one of the 3,000 holds reads CANDIDATES_PER_HIT texts per hit asked for
    const common = new Db(env.DB);
    expect(await searchRows(common, 'پروژه ساختگی', 20)).toHaveLength(20);
    expect(common.stats.rowsRead).toBeLessThanOrEqual(CANDIDATES_PER_HIT * 20 + 30);

    // a trigram found nowhere ends the search after the frequencies
    const missing = new Db(env.DB);
    expect(await searchRows(missing, 'پروژه ساختگی xyz', 20)).toEqual([]);
    expect(missing.stats.queries).toBe(1);
  });

  it('treats SQL and FTS5 metacharacters as text: no error, never everything', async () => {
    const total = await totalEntities();
    const nasty = [
      '"',
      '""',
      '" OR ""="',
      'qom" OR "a',
      '*',
      'qom*',
      'compact:qom',
      'kind:claim',
      '{compact}: qom',
      'NEAR(qom solar)',
      'qom NEAR solar',
      'qom OR solar',
      'qom AND NOT solar',
      '-qom',
      '^qom',
      '(qom',
      'qom)',
      "'); DROP TABLE claims; --",
      '%',
      '_',
      '%%',
      '\\',
      'a%b',
      'OR',
      'NOT',
      '\u0000',
      '\uD800',
    ];
    for (const text of nasty) {
      // texts shorter than a trigram are refused as input errors; none is an SQL or FTS5 error
      const rows = await searchRows(new Db(env.DB), text, 100).catch((error: unknown) => {
        expect(error, text).toBeInstanceOf(InputError);
        return [];
      });
      expect(rows.length, text).toBeLessThan(total);
    }
    // the FTS operators were not applied: «qom OR solar» is the substring «qomorsolar», found nowhere
    expect(await searchRows(new Db(env.DB), 'qom OR solar', 100)).toEqual([]);
    expect(await searchRows(new Db(env.DB), 'NEAR(qom solar)', 100)).toEqual([]);
    // the tables are still there
    const claims = await db().prepare('SELECT count(*) AS n FROM claims').first<{ n: number }>();
    expect(claims?.n).toBe(150);

    // the builders are safe on raw (un-normalised) text too
    for (const raw of ['a"b OR c*', 'x" NEAR(y', '": *']) {
      const fts = ftsAllOf([raw]);
      const { results } = await db()
        .prepare('SELECT count(*) AS n FROM search_index WHERE search_index MATCH ?')
        .bind(fts)
        .all<{ n: number }>();
      expect(results[0]?.n, raw).toBe(0);
    }
  });

  it('returns nothing for empty text, clamps the limit and rejects overlong text', async () => {
    expect(await searchRows(new Db(env.DB), '', 10)).toEqual([]);
    expect(await searchRows(new Db(env.DB), ' \u200C\u0640 ', 10)).toEqual([]);
    expect((await searchRows(new Db(env.DB), 'qom', 3)).length).toBe(3);
    expect((await searchRows(new Db(env.DB), 'qom', 0)).length).toBe(1);
    expect((await searchRows(new Db(env.DB), 'qom', 10_000)).length).toBeLessThanOrEqual(100);
    await expect(searchRows(new Db(env.DB), 'ق'.repeat(201), 10)).rejects.toBeInstanceOf(
      SearchTextTooLongError,
    );
    expect(await searchRows(new Db(env.DB), 'ق'.repeat(200), 10)).toEqual([]);
  });

  it.each(['ranked', 'unranked'] as const)(
    'uses the FTS5 index (EXPLAIN QUERY PLAN, %s)',
    async (variant) => {
      const { results } = await db()
        .prepare(`EXPLAIN QUERY PLAN ${SEARCH_SQL[variant]}`)
        .bind(ftsAllOf(['foo', 'wea', 'footwear']), 10)
        .all<{ detail: string }>();
      const plan = results.map((r) => r.detail).join('\n');
      // xBestIndex was given the MATCH constraint (":M"), so FTS5 answers from its index, and
      // ordered by its own rank: no sorter reading the matches back
      expect(plan).toMatch(/SCAN search_index VIRTUAL TABLE INDEX \d+:M/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    },
  );
});

describe('keeping the index in sync', () => {
  it('indexes, re-indexes and removes an entity with searchIndexStatements/searchDeleteStatement', async () => {
    const d = db();
    const insert = await d
      .prepare(
        `INSERT INTO projects (slug, region_id, name_fa, name_en, status)
         VALUES ('test-kafsh', (SELECT id FROM regions WHERE slug = 'qom'), ?, 'Test shoe works', 'planned')
         RETURNING *`,
      )
      .bind('كارخانه كفش‌سازي')
      .first<Record<string, string | number | null> & { id: number }>();
    if (!insert) throw new Error('no row');
    await d.batch(searchIndexStatements(d, 'project', insert.id, insert));
    expect(await find('کارخانه کفش سازی')).toEqual(['project:test-kafsh']);
    expect(await find('كفش')).toContain('project:test-kafsh');

    // an update: the old text disappears, the new one is found, nothing else changes
    const before = await totalEntities();
    await d.batch([
      d.prepare("UPDATE projects SET name_en = 'Renamed works' WHERE id = ?").bind(insert.id),
      ...searchIndexStatements(d, 'project', insert.id, {
        ...insert,
        name_en: 'Renamed works',
        name_fa: 'x',
      }),
    ]);
    expect(await find('Test shoe works')).toEqual([]);
    expect(await find('renamed works')).toEqual(['project:test-kafsh']);
    expect(await totalEntities()).toBe(before);

    await d.batch([searchDeleteStatement(d, 'project', insert.id)]);
    expect(await find('renamed works')).toEqual([]);
    expect(await totalEntities()).toBe(before - 1);
  });
});
