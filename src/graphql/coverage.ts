/** Coverage: what a total or a target's progress covers, beside the figures reported for it. */
import {
  COVERAGE_VERDICTS,
  figuresForTargets,
  figuresForTotals,
  type ReportedFigure,
  type TotalScope,
} from '../db/coverage';
import {
  type ItemisedTotal,
  judgeCoverage,
  judgeTargetCoverage,
  type CoverageVerdict as Verdict,
} from '../lib/coverage';
import { builder } from './builder';
import { Claim } from './claim';
import { type Context, loaderFor } from './context';
import { codeEnum } from './enums';

const CoverageVerdict = codeEnum(
  'CoverageVerdict',
  'Whether itemised records (or a computed progress) cover what the sources report.',
  COVERAGE_VERDICTS,
);

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
    itemisedRecords: t.exposeInt('itemisedRecords', {
      nullable: true,
      description: 'The records summed (null for a target’s progress, which sums none).',
    }),
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
