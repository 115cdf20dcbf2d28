/**
 * The persisted (trusted) documents: Ostan's own operations and every team's registered ones, by
 * the SHA-256 of their text, from the manifest scripts/schema/persisted-manifest.mjs commits.
 * Clients name one as GraphQL-over-HTTP's `documentId` (`sha256:<hex>`, as GraphQL Code
 * Generator's client preset emits it, or the bare hex) or as APQ's
 * `extensions.persistedQuery.sha256Hash`.
 */
import manifest from '../../schema/persisted-operations.json';

const operations = manifest as Record<string, string>;

/** Every persisted operation's document, in manifest order. */
export const PERSISTED_DOCUMENTS: readonly string[] = Object.values(operations);

const DOCUMENT_ID = /^(?:sha256:)?([0-9a-f]{64})$/;

export function persistedOperation(hash: string): string | null {
  return Object.hasOwn(operations, hash) ? (operations[hash] ?? null) : null;
}

/** The hex digest a `documentId` names, or null when it is not `sha256:<64 hex>` or `<64 hex>`. */
export function parseDocumentId(value: unknown): string | null {
  return typeof value === 'string' ? (DOCUMENT_ID.exec(value)?.[1] ?? null) : null;
}

/** APQ's extensions.persistedQuery.sha256Hash (version 1), or null. */
export function apqHash(extensions: unknown): string | null {
  const persisted = (extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } })
    ?.persistedQuery;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string'
    ? persisted.sha256Hash
    : null;
}

/** The hash of a GET request's persisted document, when it names one from the manifest. */
export function persistedHashOf(url: URL): string | null {
  if (url.searchParams.has('query')) return null;
  let hash: string | null;
  if (url.searchParams.has('documentId')) {
    hash = parseDocumentId(url.searchParams.get('documentId'));
  } else {
    try {
      hash = apqHash(JSON.parse(url.searchParams.get('extensions') ?? 'null'));
    } catch {
      return null;
    }
  }
  return hash && Object.hasOwn(operations, hash) ? hash : null;
}
