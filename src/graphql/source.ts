/** Source: a published report that figures come from. */
import { CODES } from '../db/codes';
import { idOrderedList } from '../db/lists';
import { type Source as SourceRow, sources } from '../db/sources';
import { builder } from './builder';
import { codeEnum } from './enums';
import { connectionType, entityNode, resolveList } from './lists';
import { LocalDate, localDate } from './scalars';

const SourceKind = codeEnum(CODES.sourceKinds);
const DateBasis = codeEnum(CODES.dateBases);

export const Source = entityNode<SourceRow>('Source', sources, 'A source');

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

const sourceList = idOrderedList(sources);

builder.queryField('sources', (t) =>
  t.field({
    type: SourceConnection,
    description: 'All sources, oldest first by id.',
    args: { ...t.arg.connectionArgs() },
    resolve: (_root, args, ctx, info) => resolveList(ctx, sourceList, args, info),
  }),
);
