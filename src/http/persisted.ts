/**
 * The persisted operations: the frontend's own operations (schema/operations/*.graphql), by the
 * SHA-256 of their printed text, from the manifest scripts/schema/persisted-manifest.mjs commits.
 */
import manifest from '../../schema/persisted-operations.json';

const operations = manifest as Record<string, string>;

export function persistedOperation(hash: string): string | null {
  return Object.hasOwn(operations, hash) ? (operations[hash] ?? null) : null;
}

/** The hash of a GET request's persisted operation, when it names one from the manifest. */
export function persistedHashOf(url: URL): string | null {
  if (url.searchParams.has('query')) return null;
  const extensions = url.searchParams.get('extensions');
  if (!extensions) return null;
  try {
    const hash = (JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } })
      ?.persistedQuery?.sha256Hash;
    return typeof hash === 'string' && Object.hasOwn(operations, hash) ? hash : null;
  } catch {
    return null;
  }
}

/**
 * GraphiQL's opening tabs: the solar question first, then every persisted operation with its
 * example variables, asked in Persian and (for the first ones) in English too.
 */
export function graphiqlTabs(
  examples: Record<string, unknown>,
): { query: string; variables?: string; headers: string }[] {
  const fa = JSON.stringify({ 'Accept-Language': 'fa' }, null, 2);
  const en = JSON.stringify({ 'Accept-Language': 'en' }, null, 2);
  return Object.values(operations)
    .map((query) => ({ query, name: /^(?:query|mutation) (\w+)/.exec(query)?.[1] ?? '' }))
    .sort(
      (a, b) => Number(b.name === 'SolarCapacityClaims') - Number(a.name === 'SolarCapacityClaims'),
    )
    .flatMap(({ query, name }, i) => {
      const variables = JSON.stringify(examples[name] ?? {}, null, 2);
      const tabs = [{ query, variables, headers: fa }];
      if (i < 2) tabs.push({ query, variables, headers: en });
      return tabs;
    });
}
