/** Sources: the published reports every figure comes from. */
import { defineTable } from './table';

export interface Source {
  id: number;
  slug: string;
  kind: 'news' | 'official' | 'statistics' | 'reference' | 'synthetic';
  publisher: string;
  titleEn: string | null;
  titleFa: string | null;
  url: string | null;
  language: 'fa' | 'en';
  publishedOn: string | null;
  publishedBasis: 'date_line' | 'url_path' | 'text_inferred' | null;
  note: string | null;
  synthetic: number;
}

export const sources = defineTable<Source>({
  table: 'sources',
  alias: 'src',
  columns:
    'src.id, src.slug, src.kind, src.publisher, src.title_en AS titleEn, src.title_fa AS titleFa, src.url, src.language, src.published_on AS publishedOn, src.published_basis AS publishedBasis, src.note, src.synthetic',
});
