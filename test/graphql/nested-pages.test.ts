// Nested pages and lookups read as few D1 rows as they can (src/db/child-pages.ts, bound-keys.ts)
// without changing an answer: a nested page is the page the top-level list gives, for the small
// pages that come back as JSON and the larger ones that do not, and values read back exactly.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { searchIndexStatements } from '../../src/db/search';
import { addSyntheticProjects } from '../factories';
import { gql, gqlData } from '../helpers';

const PAGE = `
  nodes { slug name(lang: EN) status progressPercent directJobs investment { amount unit rial } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  totalCount totalCountIsExact
`;

interface Connection {
  nodes: { slug: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const nested = `query ($first: Int, $last: Int, $after: String, $before: String) {
  region(slug: "qom") {
    projects(first: $first, last: $last, after: $after, before: $before,
             orderBy: { field: PROGRESS, direction: DESC }) { ${PAGE} }
  }
}`;
const topLevel = `query ($first: Int, $last: Int, $after: String, $before: String) {
  projects(filter: { region: "qom" }, first: $first, last: $last, after: $after, before: $before,
           orderBy: { field: PROGRESS, direction: DESC }) { ${PAGE} }
}`;

async function bothPages(variables: Record<string, unknown>) {
  const a = await gqlData<{ region: { projects: Connection } }>(nested, variables);
  const b = await gqlData<{ projects: Connection }>(topLevel, variables);
  return { nested: a.region.projects, top: b.projects };
}

describe('nested pages', () => {
  // 20 rows and under come back as JSON per parent, 21 and over as ids joined to rows
  it.each([5, 20, 21, 40])(
    'pages a nested list exactly as the top-level list, %i rows a page',
    async (size) => {
      await addSyntheticProjects(45);
      let after: string | null = null;
      let pages = 0;
      const seen: string[] = [];
      for (;;) {
        const { nested: page, top } = await bothPages({ first: size, after });
        expect(page).toEqual(top);
        seen.push(...page.nodes.map((node) => node.slug));
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(45);
      expect(pages).toBe(Math.ceil(seen.length / size));
      // and backwards from the end
      const back = await bothPages({ last: size, before: null });
      expect(back.nested).toEqual(back.top);
      expect(back.nested.nodes.map((node) => node.slug)).toEqual(seen.slice(-size));
    },
    60_000,
  );

  it('gives each parent its own page and hasNextPage, batched across parents', async () => {
    await addSyntheticProjects(12, 4);
    const query = `{
      projects(filter: { sector: "footwear" }, first: 13, orderBy: { field: ID }) {
        nodes { slug
          claims(first: 3) { nodes { slug value normalisedValue } pageInfo { hasNextPage } }
          more: claims(first: 4) { nodes { slug } pageInfo { hasNextPage } }
        }
      }
    }`;
    const data = await gqlData<{
      projects: {
        nodes: {
          slug: string;
          claims: { nodes: { slug: string; value: number }[]; pageInfo: { hasNextPage: boolean } };
          more: { nodes: { slug: string }[]; pageInfo: { hasNextPage: boolean } };
        }[];
      };
    }>(query);
    const synthetic = data.projects.nodes.filter((p) => p.slug.startsWith('test-project-'));
    expect(synthetic).toHaveLength(12);
    for (const [i, project] of synthetic.entries()) {
      expect(project.claims.nodes).toEqual(
        [0, 1, 2].map((k) => ({
          slug: `test-claim-${i}-${k}`,
          value: k + 1,
          normalisedValue: k + 1,
        })),
      );
      expect(project.claims.pageInfo.hasNextPage).toBe(true);
      expect(project.more.nodes).toHaveLength(4);
      expect(project.more.pageInfo.hasNextPage).toBe(false);
    }
  });

  it('reads back REAL values, text and nulls exactly as a lookup does', async () => {
    const third = 100 / 3;
    const tenth = 0.1 + 0.2;
    const name = `Quote ' "double" \\ back, ملیت‌ها, emoji 🧪, tab\tend`;
    await env.DB.prepare(
      `INSERT INTO projects (slug, region_id, name_fa, name_en, status, progress_pct, direct_jobs,
         investment_amount, investment_unit, synthetic)
       VALUES ('test-exact', (SELECT id FROM regions WHERE slug = 'qom-city'), 'دقیق', ?, 'planned',
               ?, 2147483647, ?, 'billion_rial', 1)`,
    )
      .bind(name, third, tenth)
      .run();
    const fields = `slug name(lang: EN) nameFa: name(lang: FA) progressPercent directJobs
      investment { amount unit rial } sector { slug } startedOn { iso } description`;
    const data = await gqlData<{
      region: { projects: { nodes: Record<string, unknown>[] } };
      project: Record<string, unknown>;
    }>(`{
      region(slug: "qom-city") { projects(first: 20, filter: { progressPercent: { min: 33.3, max: 33.4 } }) { nodes { ${fields} } } }
      project(slug: "test-exact") { ${fields} }
    }`);
    const [row] = data.region.projects.nodes;
    expect(row).toEqual(data.project);
    expect(row).toMatchObject({
      name,
      progressPercent: third,
      directJobs: 2147483647,
      investment: { amount: tenth, unit: 'BILLION_RIAL' },
      sector: null,
      startedOn: null,
    });
  });

  it('reads each nested row once: rows read stay near the rows returned', async () => {
    await addSyntheticProjects(20, 4);
    const { body } = await gql(`{
      projects(first: 21, orderBy: { field: ID, direction: DESC }) {
        nodes { slug claims(first: 3) { nodes { slug } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    // the newest 21 projects, the 20 added among them: the claims, each parent's 4 index entries
    // (its page and one more), 84 rows; the projects' page 22 (with a sector filter, 128 in all
    // when written; a sector is now a bounded walk, src/db/pagination.ts). Joining each claim
    // back by id read three rows per claim instead (309 rows here).
    expect(body.extensions?.cost?.d1RowsRead).toBeLessThanOrEqual(140);
  });
  it.each([3, 25])(
    'prices nested pages of %i at least at the rows they read, before reading',
    async (size) => {
      await addSyntheticProjects(30, 30);
      const { body } = await gql(`{
        projects(filter: { sector: "footwear" }, first: ${size}, orderBy: { field: ID }) {
          nodes { claims(first: ${size}) { nodes { slug } } }
        }
      }`);
      expect(body.errors).toBeUndefined();
      const cost = body.extensions?.cost as unknown as {
        d1RowsRead: number;
        d1RowsEstimated: number;
      };
      expect(cost.d1RowsRead).toBeGreaterThan(size);
      expect(cost.d1RowsEstimated).toBeGreaterThanOrEqual(cost.d1RowsRead);
    },
  );
});

describe('lookups and search', () => {
  it('loads more nodes than fit in bound parameters (json_each) as it loads a few', async () => {
    const slugs = await addSyntheticProjects(120, 1);
    const { body } = await gql(`{
      claims(filter: { source: "test-synthetic" }, first: 100, orderBy: { field: ID }) {
        nodes { slug subject { ... on Project { slug } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const nodes = (
      body.data as { claims: { nodes: { slug: string; subject: { slug: string } }[] } }
    ).claims.nodes;
    expect(nodes).toHaveLength(100);
    expect(nodes.map((node) => node.subject.slug)).toEqual(slugs.slice(0, 100));
  });

  it.each([
    ['a short text (trigrams bound one by one)', 40],
    ['a text of over 100 trigrams (bound as one JSON array)', 180],
  ])('finds an indexed text from %s', async (_name, length) => {
    // words no other text holds, so the text has as many distinct trigrams as it has letters
    const words = Array.from({ length: 40 }, (_, i) => `zq${(i * 7919 + 104729).toString(36)}`);
    const description = words.join(' ');
    const project = await env.DB.prepare(
      `INSERT INTO projects (slug, region_id, name_fa, name_en, description_en, status, synthetic)
       VALUES ('test-long-text', (SELECT id FROM regions WHERE slug = 'qom-city'), 'متن بلند',
               'Long text', ?, 'planned', 1) RETURNING *`,
    )
      .bind(description)
      .first<Record<string, string | number | null>>();
    await env.DB.batch(
      searchIndexStatements(env.DB, 'project', Number(project?.id), project ?? {}),
    );
    const text = description.slice(0, length);
    const { body } = await gql(
      'query ($text: String!) { search(text: $text, first: 20) { kind node { ... on Project { slug } } } }',
      { text },
    );
    expect(body.errors).toBeUndefined();
    expect((body.data as { search: unknown[] }).search).toEqual([
      { kind: 'PROJECT', node: { slug: 'test-long-text' } },
    ]);
  });
});
