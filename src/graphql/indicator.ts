/** Indicator: a named metric with a unit and a direction. */
import { builder } from '../builder';
import { type Indicator as IndicatorRow, indicators } from '../db/indicators';
import { fetchPage } from '../db/pagination';
import {
  addSlugQuery,
  connectionType,
  langArg,
  localised,
  nodeLoader,
  parseLocalId,
  sqlEnum,
  wantsTotal,
} from './common';

const Direction = sqlEnum('IndicatorDirection', 'Whether a higher value is better.', [
  'higher_is_better',
  'lower_is_better',
  'neutral',
] as const);

export const Indicator = builder.loadableNodeRef<IndicatorRow, number>('Indicator', {
  id: { resolve: (indicator) => indicator.id, parse: parseLocalId },
  load: nodeLoader(indicators),
});

Indicator.implement({
  description:
    'A metric that claims report values of, e.g. jobs created or solar capacity in operation.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable identifier, e.g. `jobs_created`.' }),
    nameFa: t.exposeString('nameFa'),
    nameEn: t.exposeString('nameEn'),
    name: t.string({
      args: langArg(),
      resolve: (i, { lang }, ctx) => localised(ctx, lang, i.nameFa, i.nameEn),
    }),
    unit: t.exposeString('unit', { description: 'The unit of every claim’s normalised value.' }),
    direction: t.field({ type: Direction, resolve: (i) => i.direction }),
    description: t.exposeString('descriptionEn', { nullable: true }),
  }),
});

export const IndicatorConnection = connectionType(Indicator, 'IndicatorConnection');

builder.queryFields((t) => ({
  indicators: t.field({
    type: IndicatorConnection,
    args: { ...t.arg.connectionArgs() },
    resolve: (_root, args, ctx, info) =>
      fetchPage<IndicatorRow>(
        ctx.db,
        indicators.list(),
        indicators.byIdOrdering,
        args,
        wantsTotal(info),
      ),
  }),
}));

addSlugQuery<IndicatorRow>('indicator', Indicator, indicators, 'An indicator');
