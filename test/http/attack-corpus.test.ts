// The attack corpus: each hostile request is refused with the right status and a clear message
// before it runs, and the worker answers the next legitimate request normally.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const URL_ = 'http://ostan.test/graphql';
const JSON_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json',
};

const post = (body: unknown, headers: Record<string, string> = JSON_HEADERS) =>
  exports.default.fetch(URL_, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  exports.default.fetch(`${URL_}?${new URLSearchParams(params)}`, {
    headers: { accept: 'application/graphql-response+json', ...headers },
  });

const nest = (levels: number, open: string, leaf: string) =>
  `${open.repeat(levels)}${leaf}${'}'.repeat(levels * (open.split('{').length - 1))}`;

interface Attack {
  name: string;
  send: () => Promise<Response>;
  status: number;
  message: RegExp;
}

const attacks: Attack[] = [
  {
    name: 'alias overload',
    send: () =>
      post({
        query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: region(slug: "qom") { slug }`).join(' ')} }`,
      }),
    status: 400,
    message: /Aliases limit of 15 exceeded, found 40/,
  },
  {
    name: 'deep nesting through the region tree',
    send: () =>
      post({ query: `{ region(slug: "iran") { ${nest(8, 'children { nodes { ', 'slug')} } }` }),
    status: 400,
    message: /depth limit of 12 exceeded/,
  },
  {
    name: 'deep nesting through the sector tree',
    send: () =>
      post({ query: `{ sector(slug: "footwear") { ${nest(14, 'parent { ', 'slug')} } }` }),
    status: 400,
    message: /depth limit of 12 exceeded/,
  },
  {
    name: 'recursive introspection (fields inside fields)',
    send: () =>
      post({ query: '{ __schema { types { fields { type { fields { type { name } } } } } } }' }),
    status: 400,
    message: /Introspection may not nest "fields" inside "fields"/,
  },
  {
    name: 'recursive introspection split across fragments',
    send: () =>
      post({
        query: `{ __schema { types { ...T } } }
          fragment T on __Type { fields { type { ...U } } }
          fragment U on __Type { fields { name } }`,
      }),
    status: 400,
    message: /may not nest "fields" inside "fields"/,
  },
  {
    name: 'deep introspection (ofType chain)',
    send: () => post({ query: `{ __schema { queryType { ${nest(24, 'ofType { ', 'name')} } } }` }),
    status: 400,
    message: /depth limit of 22 exceeded/,
  },
  {
    name: 'field duplication',
    send: () => post({ query: `{ region(slug: "qom") { ${'slug '.repeat(1500)} } }` }),
    status: 400,
    message: /Document contains more th\w+ 1000 tokens/,
  },
  {
    name: 'directive overload',
    send: () =>
      post({ query: `{ region(slug: "qom") { slug ${'@include(if: true) '.repeat(30)} } }` }),
    status: 400,
    message: /Directives limit of 10 exceeded/,
  },
  {
    name: 'a syntax error',
    send: () => post({ query: `{ region(slug: "qom") { slug } ${'x'.repeat(30_000)}` }),
    status: 400,
    message: /Syntax Error/,
  },
  {
    name: 'circular fragments',
    send: () =>
      post({
        query:
          'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A __typename }',
      }),
    status: 400,
    message: /Cannot spread fragment "A" within itself/,
  },
  {
    name: 'fragment bomb (each fragment spreads the next twice)',
    send: () => {
      const fragments = Array.from(
        { length: 18 },
        (_, i) => `fragment F${i} on Region { ...F${i + 1} ...F${i + 1} }`,
      );
      return post({
        query: `{ region(slug: "qom") { ...F0 } } ${fragments.join(' ')} fragment F18 on Region { slug }`,
      });
    },
    status: 400,
    message: /expands to too many selections/,
  },
  {
    name: 'huge document',
    send: () => post({ query: `{ __typename } # ${'x'.repeat(40_000)}` }),
    status: 413,
    message: /Request body larger than 32768 bytes/,
  },
  {
    name: 'huge string variable',
    send: () =>
      post({
        query: 'query ($text: String!) { search(text: $text) { rank } }',
        variables: { text: 'خ'.repeat(20_000) },
      }),
    status: 413,
    message: /Request body larger than 32768 bytes/,
  },
  {
    // streamed, so no Content-Length: the route's limit counts the bytes (Yoga's own limit is off)
    name: 'huge streamed body (no Content-Length)',
    send: () => {
      const chunk = new TextEncoder().encode(`{"query":"{ __typename } #${'x'.repeat(10_000)}`);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 5) controller.enqueue(chunk);
          else {
            controller.enqueue(new TextEncoder().encode('"}'));
            controller.close();
          }
        },
      });
      return exports.default.fetch(URL_, {
        method: 'POST',
        headers: JSON_HEADERS,
        body,
        duplex: 'half',
      } as RequestInit);
    },
    status: 413,
    message: /Request body larger than 32768 bytes/,
  },
  {
    name: 'huge GET query string',
    send: () => get({ query: `{ __typename } # ${'x'.repeat(40_000)}` }),
    status: 414,
    message: /Query string longer than 32768 bytes/,
  },
  {
    name: 'batched operations (batching is off)',
    send: () => post([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    status: 400,
    message: /./,
  },
  {
    name: 'mutation over GET',
    send: () => get({ query: 'mutation { __typename }' }),
    status: 405,
    message: /mutation operation from a POST request/i,
  },
  {
    name: 'text/plain POST',
    send: () => post({ query: '{ __typename }' }, { 'content-type': 'text/plain' }),
    status: 415,
    message: /Unsupported content type/,
  },
  {
    name: 'malformed JSON',
    send: () => post('{"query": "{ __typename }"', JSON_HEADERS),
    status: 400,
    message: /./,
  },
  {
    name: 'variables that are not an object',
    send: () =>
      post({ query: 'query ($slug: String!) { region(slug: $slug) { slug } }', variables: 'qom' }),
    status: 400,
    message: /variables/i,
  },
  {
    name: 'variables of the wrong type',
    send: () =>
      post({
        query: 'query ($slug: String!) { region(slug: $slug) { slug } }',
        variables: { slug: [1] },
      }),
    status: 400,
    message: /Variable "\$slug"/,
  },
  {
    name: 'malformed variables over GET',
    send: () => get({ query: '{ __typename }', variables: '{nope' }),
    status: 400,
    message: /`variables` must be a JSON object/,
  },
  {
    name: 'unknown persisted-operation hash',
    send: () =>
      get({
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } }),
      }),
    status: 400,
    message: /Unknown persisted document/,
  },
  {
    name: 'unknown documentId over GET',
    send: () => get({ documentId: `sha256:${'e'.repeat(64)}` }),
    status: 400,
    message: /Unknown persisted document/,
  },
  {
    name: 'unknown documentId over POST',
    send: () => post({ documentId: `sha256:${'e'.repeat(64)}`, variables: {} }),
    status: 400,
    message: /Unknown persisted document/,
  },
  ...[
    'md5:0123',
    `sha256:${'E'.repeat(64)}`,
    `sha256:${'0'.repeat(63)}`,
    'sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709',
  ].map((documentId) => ({
    name: `malformed documentId ${documentId.slice(0, 12)}… over GET`,
    send: () => get({ documentId }),
    status: 400,
    message: /`documentId` must be `sha256:` followed by the 64 lowercase hex digits/,
  })),
  {
    name: 'malformed documentId over POST (a number)',
    send: () => post({ documentId: 42 }),
    status: 400,
    message: /`documentId` must be `sha256:`/,
  },
  {
    name: 'a request with neither query nor hash',
    send: () => post({ variables: {} }),
    status: 400,
    message: /./,
  },
  {
    name: 'cost above the per-request ceiling',
    send: () =>
      post({
        query:
          '{ projects(first: 100) { nodes { claims(first: 100) { nodes { alternatives { slug } } } } } }',
      }),
    status: 400,
    message: /Query cost \d+ exceeds the limit of 10000 per request/,
  },
];

describe('attack corpus', () => {
  it.each(attacks)('$name: refused with $status', async ({ send, status, message }) => {
    const response = await send();
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBe(status);
    const body = JSON.parse(text) as { errors?: { message: string }[] };
    expect(body.errors?.length, text.slice(0, 300)).toBeGreaterThan(0);
    expect(body.errors?.map((e) => e.message).join('\n')).toMatch(message);
    expect(text).not.toMatch(/\bat \w+ \(|stack/i);

    const next = await post({ query: '{ region(slug: "qom") { slug } }' });
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({ data: { region: { slug: 'qom' } } });
  });

  it('still accepts every operation of the frontend (the limits are calibrated on them)', async () => {
    // operations.test.ts runs them with data; here: none is near a limit's refusal
    const response = await post({
      query:
        '{ region(slug: "qom") { children(first: 50) { nodes { children(first: 50) { nodes { slug } } } } } }',
    });
    expect(response.status).toBe(200);
  });
});
