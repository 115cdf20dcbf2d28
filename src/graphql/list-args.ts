/** The `filter` and `orderBy` arguments of a filtered, sorted list. */
import type { InputObjectRef, SchemaTypes } from '@pothos/core';
import { builder } from './builder';
import { LangEnum, OrderDirection } from './enums';

type Types =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;

/**
 * A list's `filter` and `orderBy` arguments, with its `<Name>Order` input. The order fields are
 * ID, NAME where the list has names, and the data layer's sortable columns, in that order: a
 * column added to the data module is sortable here without another edit.
 */
export function listArgs<FilterRef extends InputObjectRef<Types, unknown>>(
  name: string,
  spec: {
    filter: FilterRef;
    /** the data layer's sortable columns besides ID and NAME, by order field */
    columns: Readonly<Record<string, unknown>>;
    byName: boolean;
    descriptions?: Readonly<Record<string, string>>;
  },
) {
  const fields = ['ID', ...(spec.byName ? ['NAME'] : []), ...Object.keys(spec.columns)];
  const OrderField = builder.enumType(`${name}OrderField`, {
    values: Object.fromEntries(
      fields.map((field) => {
        const description = spec.descriptions?.[field];
        return [field, description ? { description } : {}];
      }),
    ),
  });
  const Order = builder.inputType(`${name}Order`, {
    description: 'Sort order; ties are broken by id, and unknown (null) values come last.',
    fields: (t) => ({
      field: t.field({ type: OrderField, required: true }),
      direction: t.field({ type: OrderDirection, required: false, defaultValue: 'asc' }),
      ...(spec.byName
        ? { lang: t.field({ type: LangEnum, required: false, description: 'For NAME.' }) }
        : {}),
    }),
  });
  return builder.args((t) => ({
    filter: t.field({ type: spec.filter, required: false }),
    orderBy: t.field({ type: Order, required: false }),
  }));
}
