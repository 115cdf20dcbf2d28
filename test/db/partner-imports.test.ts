/** Bulk imports at the data layer, at full size (the HTTP layer's body limit stops 500 rows). */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Db } from '../../src/db/client';
import { recordClaims } from '../../src/db/writes/claims';
import { runWrite } from '../../src/db/writes/engine';
import { ValidationError } from '../../src/db/writes/errors';
import { createRows, type PartnerWriter } from '../../src/db/writes/operations';
import { checksums } from '../partner-keys';

async function writer(): Promise<PartnerWriter> {
  const key = await env.DB.prepare(
    `INSERT INTO api_keys (name, prefix, key_hash, scopes) VALUES ('importer', 'ostan_test', ?, '["write:projects"]') RETURNING id`,
  )
    .bind('0'.repeat(64))
    .first<{ id: number }>();
  const qom = await env.DB.prepare("SELECT id FROM regions WHERE slug = 'qom'").first<{
    id: number;
  }>();
  return {
    db: new Db(env.DB),
    d1: env.DB,
    keyId: key?.id as number,
    regionIds: [qom?.id as number],
    requestId: 'test',
  };
}

const row = (i: number, extra: Record<string, unknown> = {}) => ({
  slug: `import-${i}`,
  region: 'qom-city',
  nameFa: `پروژه ${i}`,
  nameEn: `Project ${i}`,
  status: 'planned',
  directJobs: i,
  ...extra,
});

function importProjects(w: PartnerWriter, rows: Record<string, unknown>[]) {
  return runWrite(w, { operation: 'importProjects', kind: 'project', input: rows }, (batch) =>
    createRows(w, batch, 'project', rows, (i) => ['input', 'rows', String(i)]),
  );
}

describe('importing projects', () => {
  it('writes 500 rows, their search rows, 500 changes and 500 audit rows in one batch', async () => {
    const w = await writer();
    const result = await importProjects(
      w,
      Array.from({ length: 500 }, (_, i) => row(i)),
    );
    expect(result.changes).toHaveLength(500);
    const counts = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM projects WHERE slug LIKE 'import-%') AS projects,
         (SELECT count(*) FROM changes WHERE entity = 'project' AND op = 'create' AND entity_id IN
           (SELECT id FROM projects WHERE slug LIKE 'import-%')) AS changes,
         (SELECT count(*) FROM audit_log WHERE operation = 'importProjects') AS audits,
         (SELECT count(DISTINCT entity_id) FROM search_index WHERE kind = 'project' AND entity_id IN
           (SELECT id FROM projects WHERE slug LIKE 'import-%')) AS indexed,
         (SELECT count(*) FROM write_guards) AS guards`,
    ).first();
    expect(counts).toEqual({ projects: 500, changes: 500, audits: 500, indexed: 500, guards: 0 });
  });

  it.each([
    ['an unknown region', { region: 'atlantis' }, 'region', 'unknown_reference'],
    ['an unknown sector', { sector: 'alchemy' }, 'sector', 'unknown_reference'],
    ['a taken slug', { slug: 'footwear-chain' }, 'slug', 'duplicate'],
  ])(
    'refuses 499 good rows and one with %s, naming the row; writes nothing',
    async (_name, bad, field, code) => {
      const w = await writer();
      const before = await checksums();
      const rows = Array.from({ length: 500 }, (_, i) => row(i, i === 250 ? bad : {}));
      const error = await importProjects(w, rows).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        expect.objectContaining({ path: ['input', 'rows', '250', field], code }),
      ]);
      expect(await checksums()).toEqual(before);
    },
  );

  it('refuses 501 rows', async () => {
    const w = await writer();
    const before = await checksums();
    const error = await importProjects(
      w,
      Array.from({ length: 501 }, (_, i) => row(i)),
    ).catch((e: unknown) => e);
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: ['input', 'rows'], code: 'too_big' }),
    ]);
    expect(await checksums()).toEqual(before);
  });
});

describe('importing claims', () => {
  it('creates each new source once, and prefers the first claim of each comparison group', async () => {
    const w = await writer();
    const claims = Array.from({ length: 500 }, (_, i) => ({
      slug: `imported-claim-${i}`,
      source: { slug: `import-source-${i % 3}`, kind: 'news', publisher: 'Test', language: 'fa' },
      indicator: 'jobs_created',
      subject: { kind: 'region' as const, slug: 'qom' },
      value: i,
      measure: 'level',
      basis: 'body',
      comparisonKey: `group-${i % 10}`,
    }));
    const result = await runWrite(
      w,
      { operation: 'importClaims', kind: 'claim', input: claims },
      (batch) => recordClaims(w, batch, claims, (i) => ['input', 'rows', String(i)]),
    );
    expect(result.changes).toHaveLength(500);
    const counts = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM sources WHERE slug LIKE 'import-source-%') AS sources,
         (SELECT count(*) FROM claims WHERE slug LIKE 'imported-claim-%' AND preferred = 1) AS preferred`,
    ).first();
    expect(counts).toEqual({ sources: 3, preferred: 10 });
  });
});
