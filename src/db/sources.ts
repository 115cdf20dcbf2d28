/** Sources: the published reports every figure comes from. */
import { codeList } from './codes';
import { defineEntity } from './entity';

export const SOURCE_KINDS = codeList({
  news: {},
  official: {},
  statistics: {},
  reference: {},
  synthetic: {},
});

export const DATE_BASES = codeList({
  date_line: { description: 'The page’s own date line.' },
  url_path: { description: 'The date in the page’s URL.' },
  text_inferred: {
    description: 'Inferred from the text or from the order of the outlet’s article ids.',
  },
});

export interface Source {
  id: number;
  slug: string;
  kind: (typeof SOURCE_KINDS.values)[number];
  publisher: string;
  titleEn: string | null;
  titleFa: string | null;
  url: string | null;
  language: 'fa' | 'en';
  publishedOn: string | null;
  publishedBasis: (typeof DATE_BASES.values)[number] | null;
  note: string | null;
  synthetic: number;
}

export const sources = defineEntity<Source>({
  kind: 'source',
  table: 'sources',
  alias: 'src',
  search: 'source',
  columns: [
    'id',
    'slug',
    'kind',
    'publisher',
    'title_en',
    'title_fa',
    'url',
    'language',
    'published_on',
    'published_basis',
    'note',
    'synthetic',
  ],
  notNull: ['slug', 'kind', 'publisher', 'language', 'synthetic'],
});
