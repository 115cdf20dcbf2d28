/**
 * Each entity module's write shape against the tables the migrations build: the columns it
 * declares NOT NULL are exactly the table's, and each reference's column and kind exist. The
 * write engine refuses null for those columns and the write inputs make them required from them.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_KINDS } from '../../src/db/entities';
import { BOOKKEEPING_COLUMNS } from '../../src/db/entity';

describe.each(ENTITY_KINDS)('%s', (kind) => {
  const entity = ENTITIES[kind];

  it('declares the NOT NULL columns the table has', async () => {
    const columns = await env.DB.prepare(
      'SELECT name, "notnull" AS required FROM pragma_table_info(?)',
    )
      .bind(entity.table)
      .all<{ name: string; required: number }>();
    const notNull = columns.results
      .filter(
        (c) => c.required === 1 && !(BOOKKEEPING_COLUMNS as readonly string[]).includes(c.name),
      )
      .map((c) => c.name);
    expect([...entity.notNull].sort()).toEqual(notNull.sort());
  });

  it('names real columns and kinds in its references', () => {
    for (const ref of Object.values(entity.references)) {
      expect(entity.columns).toContain(ref.column);
      const kinds = 'kind' in ref ? [ref.kind] : ref.kinds;
      for (const target of kinds) expect(ENTITY_KINDS).toContain(target);
    }
    if (entity.region && entity.region !== 'id') expect(entity.columns).toContain(entity.region);
    if (entity.parent) expect(entity.references[entity.parent]).toMatchObject({ kind });
  });
});
