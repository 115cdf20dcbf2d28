/** Human-readable text in the request's language: the `lang` argument and localised fields. */
import type { Lang } from '../lib/lang';
import { pick } from '../lib/lang';
import { builder } from './builder';
import type { Context } from './context';
import { LangEnum } from './enums';

export const langArg = () =>
  builder.args((t) => ({
    lang: t.field({
      type: LangEnum,
      required: false,
      description: 'Defaults to the request’s Accept-Language (Persian when absent).',
    }),
  }));

export function localised(
  ctx: Context,
  lang: Lang | null | undefined,
  fa: string,
  en: string,
): string;
export function localised(
  ctx: Context,
  lang: Lang | null | undefined,
  fa: string | null,
  en: string | null,
): string | null;
export function localised(
  ctx: Context,
  lang: Lang | null | undefined,
  fa: string | null,
  en: string | null,
) {
  return pick(lang ?? ctx.lang, fa, en);
}

type FieldBuilder<Row> = PothosSchemaTypes.ObjectFieldBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<import('./builder').PothosTypes>,
  Row
>;

/** `slug`, `nameFa`, `nameEn` and the localised `name` of a named entity. */
export function namedFields<Row extends { slug: string; nameFa: string; nameEn: string }>(
  t: FieldBuilder<Row>,
  slugDescription?: string,
) {
  return {
    slug: t.string({
      ...(slugDescription ? { description: slugDescription } : {}),
      resolve: (row) => row.slug,
    }),
    nameFa: t.string({ resolve: (row) => row.nameFa }),
    nameEn: t.string({ resolve: (row) => row.nameEn }),
    name: t.string({
      args: langArg(),
      resolve: (row, { lang }, ctx) => localised(ctx, lang, row.nameFa, row.nameEn),
    }),
  };
}

/** The options of a field that may be null, with what it means: `t.exposeString('x', orNull('…'))`. */
export const orNull = (description: string) => ({ nullable: true as const, description });
