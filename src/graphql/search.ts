/** search(text): Persian-correct full-text search across every kind of entity. */
import { codesOf } from '../db/codes';
import {
  CANDIDATES_PER_HIT,
  MAX_SEARCH_LIMIT,
  type SearchKind,
  type SearchRow,
  SearchTextTooLongError,
  searchPage,
  searchRows,
} from '../db/search';
import { InputError } from '../lib/errors';
import { MAX_SEARCH_LENGTH } from '../lib/persian';
import { builder } from './builder';
import { Claim } from './claim';
import { EnergyAsset } from './energy-asset';
import { codeEnum } from './enums';
import { Indicator } from './indicator';
import { connectionType, loadBranded, toConnection, wantsTotal } from './lists';
import { Plan } from './plan';
import { Project } from './project';
import { Region } from './region';
import { Sector } from './sector';
import { Source } from './source';

const TYPES = {
  region: Region,
  sector: Sector,
  source: Source,
  indicator: Indicator,
  project: Project,
  energy_asset: EnergyAsset,
  plan: Plan,
  claim: Claim,
} satisfies Record<SearchKind, unknown>;

const SearchKindEnum = codeEnum(
  codesOf('SearchKind', 'The kind of thing a search hit is.', Object.keys(TYPES) as SearchKind[]),
);

const SearchResult = builder.unionType('SearchResult', {
  description: 'Anything search can find.',
  types: Object.values(TYPES),
});

interface Hit {
  kind: SearchKind;
  id: number;
  rank: number;
  node: object;
}

/** The rows' entities, each branded with its type; a row deleted since it was indexed is skipped. */
async function hitsOf<Row extends SearchRow>(
  rows: Row[],
  ctx: Parameters<typeof loadBranded>[1],
): Promise<(Row & Hit)[]> {
  const hits = await Promise.all(
    rows.map(async (row): Promise<(Row & Hit) | null> => {
      const node = await loadBranded<object>(TYPES[row.kind], ctx, row.id);
      return node ? { ...row, node } : null;
    }),
  );
  return hits.filter((hit) => hit !== null);
}

const tooLong = (text: string) =>
  new InputError(
    'text',
    `\`text\` is ${text.length} characters long; the limit is ${MAX_SEARCH_LENGTH}.`,
  );

const SearchHit = builder.objectRef<Hit>('SearchHit').implement({
  description: 'One thing that matched, with its rank among the hits of this search.',
  fields: (t) => ({
    kind: t.field({ type: SearchKindEnum, resolve: (hit) => hit.kind }),
    rank: t.exposeFloat('rank', {
      description: 'Lower is better (bm25, weighted by field); comparable only within one search.',
    }),
    // the row was branded with its type by loadBranded
    node: t.field({ type: SearchResult, resolve: (hit) => hit.node as never }),
  }),
});

const SEARCH_DESCRIPTION = `Finds regions, sectors, projects, plants, plans, indicators, sources and claims by text in Persian or English, best first. The text is normalised as the index is (Arabic ي/ك, ZWNJ and spaces, diacritics, Persian and Arabic-Indic digits), so «پروژه‌ها», «پروژهها» and «پروژه ها» find the same things. At least 3 and at most ${MAX_SEARCH_LENGTH} characters; a text is found from its rarest runs of three characters, reading ${CANDIDATES_PER_HIT} indexed texts per hit asked for.`;

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHit],
    description: SEARCH_DESCRIPTION,
    deprecationReason:
      'Use `searchConnection`: the same hits as a cursor connection (`nodes`/`edges`, `pageInfo`, `totalCount`, `after`). `search` is removed in release v2.',
    args: {
      text: t.arg.string({ required: true }),
      first: t.arg.int({ required: false, defaultValue: 20 }),
    },
    resolve: async (_root, { text, first }, ctx) => {
      const limit = first ?? 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
        throw new InputError(
          'first',
          `\`first\` must be between 1 and ${MAX_SEARCH_LIMIT}; got ${limit}.`,
        );
      }
      let rows: Awaited<ReturnType<typeof searchRows>>;
      try {
        rows = await searchRows(ctx.db, text, limit);
      } catch (error) {
        if (error instanceof SearchTextTooLongError) throw tooLong(text);
        throw error;
      }
      return hitsOf(rows, ctx);
    },
  }),
);

const SearchHitConnection = connectionType(SearchHit, 'SearchHitConnection');

builder.queryField('searchConnection', (t) =>
  t.field({
    type: SearchHitConnection,
    description: `${SEARCH_DESCRIPTION} Pages forward with \`first\` (1–${MAX_SEARCH_LIMIT}, default 20) and \`after\`.`,
    args: {
      text: t.arg.string({ required: true }),
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
    },
    resolve: async (_root, { text, first, after }, ctx, info) => {
      try {
        const page = await searchPage(ctx.db, text, { first, after }, wantsTotal(info));
        const rows = await hitsOf(page.rows, ctx);
        // as never: Pothos types connection edges by the node type; toConnection builds them
        return toConnection({ ...page, rows }) as never;
      } catch (error) {
        if (error instanceof SearchTextTooLongError) throw tooLong(text);
        throw error;
      }
    },
  }),
);
