// GraphiQL must work offline: its page may load nothing from outside this worker.
import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';

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
