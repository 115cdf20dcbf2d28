/** Indicator: a named metric with a unit and a direction. */
import { CODES } from '../db/codes';
import { type Indicator as IndicatorRow, indicators } from '../db/indicators';
import { idOrderedList } from '../db/lists';
import { builder } from './builder';
import { codeEnum } from './enums';
import { connectionType, entityNode, resolveList } from './lists';
import { namedFields } from './text';

const Direction = codeEnum(CODES.directions);

export const Indicator = entityNode<IndicatorRow>('Indicator', indicators, 'An indicator');

Indicator.implement({
  description:
    'A metric that claims report values of, e.g. jobs created or solar capacity in operation.',
  fields: (t) => ({
    ...namedFields(t, 'Stable identifier, e.g. `jobs_created`.'),
    unit: t.exposeString('unit', { description: 'The unit of every claim’s normalised value.' }),
    direction: t.field({ type: Direction, resolve: (i) => i.direction }),
    description: t.exposeString('descriptionEn', { nullable: true }),
  }),
});

export const IndicatorConnection = connectionType(Indicator, 'IndicatorConnection');

const indicatorList = idOrderedList(indicators);

builder.queryField('indicators', (t) =>
  t.field({
    type: IndicatorConnection,
    args: { ...t.arg.connectionArgs() },
    resolve: (_root, args, ctx, info) => resolveList(ctx, indicatorList, args, info),
  }),
);
