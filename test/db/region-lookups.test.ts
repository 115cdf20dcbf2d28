// A request's region lookups (src/db/regions.ts's regionWithLevels): a region found once is not
// read again by the same request handle; an unknown slug is asked each time; another request reads.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Db } from '../../src/db/client';
import { filterRegion } from '../../src/db/conditions';
import { regionWithLevels } from '../../src/db/regions';

describe('region lookups', () => {
  it('reads a region once per request, however often the request names it', async () => {
    const db = new Db(env.DB);
    const first = await regionWithLevels(db, 'qom');
    expect(first).toMatchObject({ kind: 'province' });
    expect(await filterRegion(db, 'qom')).toEqual(first);
    expect(await regionWithLevels(db, 'qom')).toEqual(first);
    expect(db.stats.queries).toBe(1);

    // an unknown slug is not remembered: asked each time, refused by name through the filter
    expect(await regionWithLevels(db, 'no-such-region')).toBeNull();
    await expect(filterRegion(db, 'no-such-region')).rejects.toThrow(/no-such-region/);
    expect(db.stats.queries).toBe(3);

    // another request's handle reads for itself
    const other = new Db(env.DB);
    expect(await regionWithLevels(other, 'qom')).toEqual(first);
    expect(other.stats.queries).toBe(1);
  });
});
