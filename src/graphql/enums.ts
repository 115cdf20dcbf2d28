/** Enums: the languages, sort directions, and every code list of the data layer as a GraphQL enum. */
import type { CodeList } from '../db/codes';
import { builder } from './builder';

export const LangEnum = builder.enumType('Lang', {
  description: 'A language every human-readable name is available in.',
  values: {
    FA: { value: 'fa', description: 'Persian (the language of the data)' },
    EN: { value: 'en', description: 'English' },
  } as const,
});

export const OrderDirection = builder.enumType('OrderDirection', {
  values: { ASC: { value: 'asc' }, DESC: { value: 'desc' } } as const,
});

/**
 * A GraphQL enum over a data-layer code list: the values upper-cased (`under_construction` →
 * UNDER_CONSTRUCTION), named and described as the list is, with the codes' descriptions.
 */
export function codeEnum<const Code extends string>(list: CodeList<Code>) {
  return builder.enumType(list.name, {
    description: list.description,
    values: Object.fromEntries(
      list.values.map((value) => {
        const text = list.info[value].description;
        return [value.toUpperCase(), { value, ...(text ? { description: text } : {}) }];
      }),
    ) as Record<string, { value: Code }>,
  });
}
