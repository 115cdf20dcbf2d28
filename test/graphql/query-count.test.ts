// The D1 cost of a query depends on its shape (depth), never on how many rows a page holds.
import { describe, expect, it } from 'vitest';
import { addSyntheticProjects } from '../factories';
import { gql } from '../helpers';

const nested = `query ($first: Int!) {
  projects(filter: { sector: "footwear" }, first: $first) {
    totalCount
    nodes {
      name(lang: EN)
      region { name parent { name } }
      sector { name parent { name } }
      source { publisher }
      claims(first: 3) {
        totalCount
        nodes { value indicator { name } source { publisher } alternatives { slug } subject { __typename } }
      }
    }
  }
}`;

describe('D1 queries per request', () => {
  it('does not grow with the page size of a nested list', async () => {
    await addSyntheticProjects(80, 4);
    const small = await gql(nested, { first: 5 });
    const large = await gql(nested, { first: 80 });
    expect(small.body.errors, JSON.stringify(small.body.errors)).toBeUndefined();
    expect(large.body.errors).toBeUndefined();
    const projects = (
      large.body.data as { projects: { nodes: { claims: { nodes: unknown[] } }[] } }
    ).projects;
    expect(projects.nodes).toHaveLength(80);
    // the real footwear project has no claims; each of the 79 synthetic ones on the page has four
    expect(projects.nodes.filter((p) => p.claims.nodes.length === 3)).toHaveLength(79);

    const smallCost = small.body.extensions?.cost;
    const largeCost = large.body.extensions?.cost;
    expect(smallCost?.d1Queries).toBeGreaterThan(0);
    expect(largeCost?.d1Queries).toBe(smallCost?.d1Queries);
    // and the count stays within the query's depth: one statement (or batch member) per level and loader
    expect(largeCost?.d1Queries).toBeLessThanOrEqual(14);
    expect(largeCost?.d1RowsRead).toBeGreaterThan(smallCost?.d1RowsRead ?? 0);
  });

  it('counts a list only when its count is selected and not skipped', async () => {
    const page = (count: string) =>
      gql(
        `query ($no: Boolean!) { projects(first: 5) { __typename @include(if: $no) ${count} nodes { slug } } }`,
        { no: true },
      );
    const queries = async (count: string) => {
      const { body } = await page(count);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.extensions?.cost?.d1Queries ?? -1;
    };
    const plain = await queries('');
    expect(await queries('totalCount')).toBe(plain + 1);
    expect(await queries('... on ProjectConnection { totalCountIsExact }')).toBe(plain + 1);
    expect(await queries('totalCount @skip(if: $no)')).toBe(plain);
    expect(await queries('... @include(if: false) { totalCount }')).toBe(plain);
  });

  it("looks ahead afresh for each request's variables, and the same for every request of a plain document", async () => {
    const queries = async (query: string, variables: Record<string, unknown> = {}) => {
      const { body } = await gql(query, variables);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.extensions?.cost?.d1Queries ?? -1;
    };
    // one text, so one parsed document (Yoga's cache) for every request: what a page looks ahead
    // at (its count, its nodes' references) is kept per request's field nodes, never per document
    const directed = `query ($more: Boolean!) {
      projects(first: 5) { totalCount @include(if: $more) nodes { slug region @include(if: $more) { slug } } }
    }`;
    const less = await queries(directed, { more: false });
    const more = await queries(directed, { more: true });
    // the count, and the page's regions loaded with it
    expect(more).toBe(less + 2);
    for (const flag of [false, true, false]) {
      expect(await queries(directed, { more: flag })).toBe(flag ? more : less);
    }
    // without directives the planned executor keeps the field nodes for every request
    const plain = '{ projects(first: 5) { totalCount nodes { slug region { slug } } } }';
    const bare = '{ projects(first: 5) { nodes { slug } } }';
    for (let run = 0; run < 2; run += 1) {
      expect(await queries(plain)).toBe(more);
      expect(await queries(bare)).toBe(less);
    }
  });

  it('reports the cost of every response in extensions', async () => {
    const { body } = await gql('{ region(slug: "qom") { slug } }');
    // an internal request (no client address): rows priced and read, no ceiling; the lookup by
    // slug is priced at its one key
    expect(body.extensions?.cost).toEqual({
      d1Queries: 1,
      d1RowsRead: expect.any(Number),
      d1RowsEstimated: 1,
    });
    expect(body.extensions?.cost?.d1RowsRead).toBeGreaterThan(0);
  });
});
