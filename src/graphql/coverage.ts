/**
 * Coverage: what a total or a target's progress covers, beside the figures reported for it; and a
 * region's reported stock of an indicator, or why no claim can stand for it.
 */
import {
  COVERAGE_VERDICTS,
  figuresForIndicators,
  figuresForTargets,
  figuresForTotals,
  type ReportedFigure,
  type TotalScope,
} from '../db/coverage';
import { indicators } from '../db/indicators';
import {
  type ItemisedTotal,
  judgeCoverage,
  judgeTargetCoverage,
  stockAnswer,
  type CoverageVerdict as Verdict,
} from '../lib/coverage';
import { InputError } from '../lib/errors';
import { builder } from './builder';
import { Claim } from './claim';
import { type Context, loaderFor } from './context';
import { codeEnum } from './enums';
import { Region } from './region';
import { orNull } from './text';

const CoverageVerdict = codeEnum(COVERAGE_VERDICTS);

export interface CoverageShape {
  verdict: Verdict;
  reason: string;
  itemisedRecords: number | null;
  figures: ReportedFigure[];
}

export const Coverage = builder.objectRef<CoverageShape>('Coverage').implement({
  description:
    'What a figure Ostan computes covers: how many itemised records it rests on, the figures the sources report for the same quantity and scope (claims, each with its source and date), and a verdict with its reason.',
  fields: (t) => ({
    verdict: t.field({ type: CoverageVerdict, resolve: (c) => c.verdict }),
    reason: t.exposeString('reason', { description: 'Why, in a sentence or two.' }),
    itemisedRecords: t.exposeInt(
      'itemisedRecords',
      orNull('The records summed (null for a target’s progress, which sums none).'),
    ),
    reportedFigures: t.field({
      type: [Claim],
      description:
        'Claims reporting the same quantity for the same region, newest first, whatever their measure: stocks, flows and targets side by side.',
      resolve: (c) => c.figures,
    }),
  }),
});

/** The coverage of one group of totals; the figures are loaded for every group at once. */
export async function totalCoverage(
  ctx: Context,
  scope: TotalScope,
  items: Omit<ItemisedTotal, 'outOfScope'>,
): Promise<CoverageShape> {
  const figures = await loaderFor<TotalScope, ReportedFigure[]>(ctx, 'coverage:totals', (keys) =>
    figuresForTotals(ctx.db, keys),
  ).load(scope);
  const judged = judgeCoverage({ ...items, outOfScope: scope.outOfScope }, figures);
  return { ...judged, itemisedRecords: items.records, figures };
}

/** The coverage of a target's progress: computed from `latest`, or why it cannot be. */
export async function targetCoverage(
  ctx: Context,
  target: { id: number; baselineOn: string | null },
  latestSlug: string | null,
  progressKnown: boolean,
): Promise<CoverageShape> {
  const figures = await loaderFor<number, ReportedFigure[]>(ctx, 'coverage:targets', (ids) =>
    figuresForTargets(ctx.db, ids),
  ).load(target.id);
  const latest = figures.find((f) => f.slug === latestSlug) ?? null;
  const judged = judgeTargetCoverage(latest, progressKnown, target.baselineOn, figures);
  return { ...judged, itemisedRecords: null, figures };
}

interface StockShape {
  stocks: ReportedFigure[];
  reason: string;
  flows: ReportedFigure[];
  targets: ReportedFigure[];
}

const Stock = builder.objectRef<StockShape>('IndicatorStock').implement({
  description:
    'What the sources say a quantity stands at in a region: the preferred reports of the stock (a level at a date), or why none can stand for it. Flows over a period and targets are listed apart and never stand for the stock.',
  fields: (t) => ({
    stocks: t.field({
      type: [Claim],
      description:
        'Preferred level claims, newest first (each in its own scope); empty when none stands.',
      resolve: (s) => s.stocks,
    }),
    reason: t.exposeString('reason', {
      description: 'Why no claim stands for the stock, or what the stocks listed are.',
    }),
    flows: t.field({
      type: [Claim],
      description: 'Changes over a period.',
      resolve: (s) => s.flows,
    }),
    targets: t.field({ type: [Claim], resolve: (s) => s.targets }),
  }),
});

builder.objectField(Region, 'stock', (t) =>
  t.field({
    type: Stock,
    description:
      'The reported stock of an indicator for this region (e.g. solar_capacity_operational_mw), or why no claim can stand for it.',
    args: { indicator: t.arg.string({ required: true, description: 'Indicator slug.' }) },
    resolve: async (region, { indicator }, ctx) => {
      const [known] = indicator.length <= 200 ? await indicators.bySlugs(ctx.db, [indicator]) : [];
      if (!known) {
        throw new InputError(
          'indicator',
          `No indicator has the slug ${JSON.stringify(indicator.slice(0, 200))}.`,
        );
      }
      const figures = await loaderFor<{ regionId: number; indicator: string }, ReportedFigure[]>(
        ctx,
        'coverage:stock',
        (keys) => figuresForIndicators(ctx.db, keys),
      ).load({ regionId: region.id, indicator });
      return stockAnswer(figures);
    },
  }),
);
