/**
 * The persisted operations: the frontend's own operations (schema/operations/*.graphql), by the
 * SHA-256 of their printed text, from the manifest scripts/schema/persisted-manifest.mjs commits.
 */
import manifest from '../../schema/persisted-operations.json';

const operations = manifest as Record<string, string>;

/** Every persisted operation's document, in manifest order. */
export const PERSISTED_DOCUMENTS: readonly string[] = Object.values(operations);

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
