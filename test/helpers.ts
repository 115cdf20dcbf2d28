/** Sends GraphQL operations through the worker's own fetch, as a client would. */
import { env, exports } from 'cloudflare:workers';
import manifest from '../schema/persisted-operations.json';
import { Db } from '../src/db/client';
import type { Context } from '../src/graphql/context';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: { cost?: { d1Queries: number; d1RowsRead: number } } & Record<string, unknown>;
}

export async function gql<Data = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLResponse<Data> }> {
  const response = await exports.default.fetch('http://ostan.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<Data> };
}

/** Like gql, but fails the test on any GraphQL error and returns the data. */
export async function gqlData<Data = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Data> {
  const { body } = await gql<Data>(query, variables, headers);
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as Data;
}

/** The id (SHA-256 hex) of the registered document holding the operation `name`. */
export function registeredDocumentId(name: string): string {
  const entry = Object.entries(manifest as Record<string, string>).find(([, text]) =>
    new RegExp(`(?:^|[ }])(?:query|mutation) ${name}\\b`).test(text),
  );
  if (!entry) throw new Error(`no registered document holds the operation ${name}`);
  return entry[0];
}

/** A connection of items with slugs and every pageInfo field, as the paging tests ask for it. */
export interface Connection {
  totalCount?: number;
  totalCountIsExact?: boolean;
  nodes: { slug: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/**
 * A POST from an anonymous address of its own (so no budget is shared between requests), failing
 * the test on any GraphQL error: the data, and the rows the request read and was priced at.
 */
export async function anonymousData<Data>(query: string, variables: Record<string, unknown>) {
  const { body } = await gql<Data>(query, variables, {
    'cf-connecting-ip': `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`,
  });
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  const cost = body.extensions?.cost as unknown as { d1RowsRead: number; d1RowsEstimated: number };
  return { data: body.data as Data, cost };
}

/** A request context as the GraphQL route builds one, over the test's D1. */
export function requestContext(): Context {
  return {
    db: new Db(env.DB),
    d1: env.DB,
    lang: 'en',
    requestId: 'test',
    viewer: { kind: 'anonymous' },
    budget: () => null,
    writeCommitted: () => {},
    loaders: new Map(),
  };
}
