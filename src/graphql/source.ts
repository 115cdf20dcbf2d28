/** Source: a published report that figures come from. */
import { builder } from '../builder';
import { fetchPage } from '../db/pagination';
import { type Source as SourceRow, sources } from '../db/sources';
import {
  addSlugQuery,
  connectionType,
  LocalDate,
  localDate,
  nodeLoader,
  parseLocalId,
  sqlEnum,
  wantsTotal,
} from './common';

const SourceKind = sqlEnum('SourceKind', 'What kind of publication a source is.', [
  'news',
  'official',
  'statistics',
  'reference',
  'synthetic',
] as const);

const DateBasis = sqlEnum(
  'DateBasis',
  'Where a source’s publication date was read.',
  ['date_line', 'url_path', 'text_inferred'] as const,
  {
    date_line: 'The page’s own date line.',
    url_path: 'The date in the page’s URL.',
    text_inferred: 'Inferred from the text or from the order of the outlet’s article ids.',
  },
);

export const Source = builder.loadableNodeRef<SourceRow, number>('Source', {
  id: { resolve: (source) => source.id, parse: parseLocalId },
  load: nodeLoader(sources),
});

Source.implement({
  description: 'A published report (news article, official release, …) that claims come from.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable identifier, e.g. mehr-2025-08-23-seed.' }),
    kind: t.field({ type: SourceKind, resolve: (s) => s.kind }),
    publisher: t.exposeString('publisher'),
    titleEn: t.exposeString('titleEn', { nullable: true }),
    titleFa: t.exposeString('titleFa', { nullable: true }),
    url: t.exposeString('url', { nullable: true }),
    language: t.exposeString('language', { description: 'ISO 639-1 code of the text.' }),
    publishedOn: t.field({
      type: LocalDate,
      nullable: true,
      description: 'Publication date; null when the page shows none (see `note`).',
      resolve: (s) => localDate(s.publishedOn),
    }),
    publishedBasis: t.field({ type: DateBasis, nullable: true, resolve: (s) => s.publishedBasis }),
    note: t.exposeString('note', { nullable: true }),
    synthetic: t.boolean({
      description: 'True for generated demo or load data, never for reported data.',
      resolve: (s) => s.synthetic === 1,
    }),
  }),
});

export const SourceConnection = connectionType(Source, 'SourceConnection');

builder.queryFields((t) => ({
  sources: t.field({
    type: SourceConnection,
    description: 'All sources, oldest first by id.',
    args: { ...t.arg.connectionArgs() },
    resolve: (_root, args, ctx, info) =>
      fetchPage<SourceRow>(ctx.db, sources.list(), sources.byIdOrdering, args, wantsTotal(info)),
  }),
}));

addSlugQuery<SourceRow>('source', Source, sources, 'A source');
