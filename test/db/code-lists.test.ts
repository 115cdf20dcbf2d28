// The code lists (src/db/code-lists.json) and the database agree: every text column whose CHECK
// constraint lists its values is held by one code list with the same values, as migrated.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import CODE_LISTS from '../../src/db/code-lists.json';
import { CODES } from '../../src/db/codes';
import { ENTITY_KINDS } from '../../src/db/entities';

/** Every `column TEXT … CHECK (column IN ('a', 'b', …))` of the migrated schema: table.column → codes. */
async function checkedColumns(): Promise<Map<string, string[]>> {
  const tables = await env.DB.prepare(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL",
  ).all<{ name: string; sql: string }>();
  const columns = new Map<string, string[]>();
  for (const { name, sql } of tables.results) {
    for (const match of sql.matchAll(/CHECK\s*\(\s*(\w+)\s+IN\s*\(([^)]*)\)\s*\)/gi)) {
      const values = [...(match[2] as string).matchAll(/'([^']*)'/g)].map((m) => m[1] as string);
      if (values.length > 0) columns.set(`${name}.${match[1]}`, values);
    }
  }
  return columns;
}

/** The kinds that totals sum (`TotalsEntity`), and that row counts are kept for. */
const TOTALLED = ['project', 'energy_asset'];

/** Columns whose codes are not a code list of the data: the text's language, the kinds of rows. */
const NOT_CODE_LISTS: Record<string, readonly string[]> = {
  'sources.language': ['fa', 'en'],
  'changes.entity': ENTITY_KINDS,
  'indicator_totals.entity': TOTALLED,
  'row_counts.entity': TOTALLED,
};

describe('code lists', () => {
  it('name every CHECK-listed column of the schema, with the same codes', async () => {
    const columns = await checkedColumns();
    expect(columns.size).toBeGreaterThan(15);
    const held = new Map<string, string[]>();
    for (const [key, list] of Object.entries(CODE_LISTS)) {
      for (const column of list.columns) {
        held.set(column, CODES[key as keyof typeof CODES].values as string[]);
      }
    }
    for (const [column, values] of columns) {
      const expected = held.get(column) ?? NOT_CODE_LISTS[column];
      expect(expected, `${column} is held by no code list`).toBeDefined();
      expect([...(expected ?? [])].sort(), column).toEqual([...values].sort());
    }
    for (const column of held.keys()) {
      expect(columns.has(column), `${column} has no CHECK constraint`).toBe(true);
    }
  });

  it('give each code list a unique name', () => {
    const names = Object.values(CODES).map((list) => list.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
