// GraphiQL must work offline: its page may load nothing from outside this worker.
import { exports } from 'cloudflare:workers';
import { type DocumentNode, Kind, parse, print, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import examples from '../../schema/operations/examples.json';
import manifest from '../../schema/persisted-operations.json';
import { type GraphiQLTab, graphiqlTabs, renderGraphiQL } from '../../src/http/graphiql';

it('serves GraphiQL to browsers at /graphql, loading only local files', async () => {
  const response = await exports.default.fetch('http://ostan.test/graphql', {
    headers: { accept: 'text/html' },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/html/);
  const html = await response.text();
  expect(html).toContain('/graphiql/yoga-graphiql.umd.js');
  expect(html).toContain('/graphiql/graphiql.css');
  expect(html).toContain('Ostan');
  expect(html).not.toMatch(/https?:\/\//);
  // the dashboard's operations open as tabs, asked in Persian and in English
  expect(html).toContain('defaultTabs');
  for (const name of ['SolarCapacityClaims', 'ProvinceOverview', 'ProjectsList', 'Search']) {
    expect(html).toContain(`query ${name}`);
  }
  expect(html).toContain('Accept-Language');
});

it('still answers GraphQL over GET for clients', async () => {
  const response = await exports.default.fetch('http://ostan.test/graphql?query=%7B__typename%7D', {
    headers: { accept: 'application/graphql-response+json' },
  });
  expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
});

/** The options the page hands GraphiQL, read from its inline script as the browser would. */
async function pageOptions(html?: string) {
  const text =
    html ??
    (await (
      await exports.default.fetch('http://ostan.test/graphql', { headers: { accept: 'text/html' } })
    ).text());
  const json = /var opts = (\{.*\});\n/.exec(text)?.[1];
  expect(json, 'the page passes GraphiQL its options').toBeDefined();
  return JSON.parse(json as string) as {
    defaultTabs: GraphiQLTab[];
    query?: string;
    defaultQuery?: string;
    headers?: string;
    variables?: string;
  };
}

/** A tab's title as GraphiQL 5 makes it (graphiql-react's fuzzyExtractOperationName). */
const titleOf = (query: string) =>
  /^(?!#).*(query|subscription|mutation)\s+([a-zA-Z0-9_]+)/m.exec(query)?.[2] ?? '<untitled>';

/** Every `lang` in variables, at any depth. */
function langsIn(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => (key === 'lang' ? [item] : langsIn(item)));
}

describe('GraphiQL tabs', () => {
  it('gives every tab a distinct title', async () => {
    const { defaultTabs } = await pageOptions();
    const titles = defaultTabs.map((tab) => titleOf(tab.query));
    expect(titles.length).toBeGreaterThan(Object.keys(examples).length);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.slice(0, 2)).toEqual(['SolarCapacityClaims_FA', 'SolarCapacityClaims_EN']);
  });

  it('sends the Accept-Language of the tab its lang variables say, and opens on the first tab', async () => {
    const options = await pageOptions();
    const languages = new Set<string>();
    for (const tab of options.defaultTabs) {
      const language = (JSON.parse(tab.headers) as Record<string, string>)['Accept-Language'];
      expect(['fa', 'en']).toContain(language);
      languages.add(language as string);
      const upper = (language as string).toUpperCase();
      expect(titleOf(tab.query)).toMatch(new RegExp(`_${upper}$`));
      for (const lang of langsIn(JSON.parse(tab.variables))) expect(lang, tab.query).toBe(upper);
    }
    expect([...languages].sort()).toEqual(['en', 'fa']);
    const first = options.defaultTabs[0] as GraphiQLTab;
    expect(options.defaultQuery).toBe(first.query);
    expect(options.headers).toBe(first.headers);
    expect(options.variables).toBe(first.variables);
    expect(langsIn(JSON.parse(first.variables))).toEqual(['FA']);
  });

  it('asks each tab the registered operation, renamed only, with the operation shown first', async () => {
    const { defaultTabs } = await pageOptions();
    // a document as its set of definitions: the tab lists the operation before its fragments
    const definitions = (doc: DocumentNode) => doc.definitions.map((d) => print(d)).sort();
    const registered = new Set(
      Object.values(manifest).map((doc) => JSON.stringify(definitions(parse(doc)))),
    );
    for (const tab of defaultTabs) {
      const document = parse(tab.query);
      expect(document.definitions[0]?.kind, titleOf(tab.query)).toBe(Kind.OPERATION_DEFINITION);
      const original = visit(document, {
        OperationDefinition: (node) =>
          node.name
            ? { ...node, name: { ...node.name, value: node.name.value.replace(/_(FA|EN)$/, '') } }
            : node,
      });
      expect(registered.has(JSON.stringify(definitions(original))), titleOf(tab.query)).toBe(true);
    }
  });

  it('shows Persian text, a ZWNJ included, as the characters themselves', async () => {
    const search = Object.values(manifest).find((doc) => /query Search\b/.test(doc)) as string;
    const tabs = graphiqlTabs([search], { Search: { text: 'نیروگاه\u200cهای خورشیدی' } });
    const html = renderGraphiQL({ endpoint: '/graphql', title: 'Ostan', defaultTabs: tabs });
    const { defaultTabs } = await pageOptions(html);
    expect(JSON.parse(defaultTabs[0]?.variables ?? '{}')).toEqual({
      text: 'نیروگاه\u200cهای خورشیدی',
    });
    // the editor shows the text as written: the real U+200C, never the six characters `\u200c`
    expect(defaultTabs[0]?.variables).toContain('\u200c');
    expect(defaultTabs[0]?.variables).not.toMatch(/\\u[0-9a-fA-F]{4}/);
    expect(html).toContain('نیروگاه\u200cهای');
    for (const tab of (await pageOptions()).defaultTabs) {
      expect(tab.variables).not.toMatch(/\\u[0-9a-fA-F]{4}/);
    }
  });
});
