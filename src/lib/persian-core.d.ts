// Types for persian-core.js (plain JS so that scripts/data/build-search-seed.mjs can import it too).

/** Bumped whenever normalizeForSearch or compactForSearch would give a different result. */
export declare const NORMALIZER_VERSION: number;
/** Longest query text (UTF-16 code units, before normalisation) a caller should accept. */
export declare const MAX_SEARCH_LENGTH: number;
/** The trigram tokenizer cannot match fewer characters than this; shorter queries use LIKE. */
export declare const MIN_TRIGRAM_LENGTH: number;

/** Normalises text for search, identically for indexing and for querying. Never throws. */
export declare function normalizeForSearch(text: string): string;
/** The normalised text without spaces: the form the trigram index holds and queries match. */
export declare function compactForSearch(normalised: string): string;

export type SearchKind =
  | 'region'
  | 'sector'
  | 'source'
  | 'indicator'
  | 'project'
  | 'energy_asset'
  | 'plan'
  | 'claim';

export interface SearchKindInfo {
  /** 1-15, part of the row id */
  readonly code: number;
  /** the table the entity id refers to */
  readonly table: string;
  /** indexed fields, in row-id order (append only) */
  readonly fields: readonly string[];
}

export declare const SEARCH_KINDS: Readonly<Record<SearchKind, SearchKindInfo>>;
/** Multiplies bm25 for a match in the field. */
export declare const FIELD_WEIGHTS: Readonly<Record<string, number>>;

/** rowid = entity id * SEARCH_ENTITY_STRIDE + kind code * SEARCH_KIND_STRIDE + field position */
export declare const SEARCH_ENTITY_STRIDE: number;
export declare const SEARCH_KIND_STRIDE: number;

/** The rowid range [first, last] that holds one entity's rows. Throws RangeError on a bad kind or id. */
export declare function searchRowIdRange(kind: SearchKind, entityId: number): [number, number];

export interface SearchDocument {
  field: string;
  /** the field's position in SEARCH_KINDS[kind].fields */
  position: number;
  /** normalised text */
  text: string;
  /** normalised text without spaces (the indexed column) */
  compact: string;
}

/** The index rows for one entity: one per non-empty field, already normalised. */
export declare function searchDocuments(
  kind: SearchKind,
  values: Readonly<Record<string, string | number | null | undefined>>,
): SearchDocument[];
