/** What a total of itemised records covers, judged against the figures reported for the same scope. */

export type CoverageVerdict = 'complete' | 'partial' | 'unknown';

/** A reported figure, as much of a claim as the verdict needs. */
export interface Figure {
  slug: string;
  normalisedValue: number | null;
  normalisedValueMax: number | null;
  qualifier: string | null;
  measure: 'level' | 'change' | 'target';
  preferred: number;
  asOf: string | null;
  publisher: string;
  unresolvedReason: string | null;
}

export interface ItemisedTotal {
  /** the records summed */
  records: number;
  /** their total in the quantity's unit (the records themselves when counting) */
  total: number | null;
  unit: 'records' | 'MW';
  /** records whose value is only a lower bound ("over 570 MW"): the total is one too */
  lowerBounds: number;
  /** why no reported figure can apply to these records, when none can (a mix, a narrower filter) */
  outOfScope: string | null;
}

export interface Coverage {
  verdict: CoverageVerdict;
  reason: string;
}

// made on first use, like src/lib/jalali.ts's calendar: start-up need not load ICU for a message
let numberFormat: Intl.NumberFormat | undefined;
const number = {
  format(value: number): string {
    numberFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
    return numberFormat.format(value);
  },
};

function cite(f: Figure, unit = ''): string {
  const max = f.normalisedValueMax === null ? '' : `–${number.format(f.normalisedValueMax)}`;
  const value =
    f.normalisedValue === null ? 'no figure' : `${number.format(f.normalisedValue)}${max}${unit}`;
  const bound =
    f.qualifier === 'more_than' || f.qualifier === 'at_least'
      ? 'over '
      : f.qualifier === 'about'
        ? 'about '
        : '';
  return `${bound}${value} (${f.slug}, ${f.publisher}, ${f.asOf ?? 'undated'})`;
}

/**
 * The preferred stocks with a value, largest first. Claims of one indicator may differ in scope
 * (1,933 unfinished projects of every kind; over 650 industrial ones): records below the largest
 * are known to be part of a larger whole.
 */
export function reportedStocks(figures: readonly Figure[]): Figure[] {
  return figures
    .filter((f) => f.measure === 'level' && f.preferred === 1 && f.normalisedValue !== null)
    .sort((a, b) => (b.normalisedValue ?? 0) - (a.normalisedValue ?? 0));
}

/** Why no reported figure stands for the stock: the curated reason, or what kinds of figure exist. */
export function noStockReason(figures: readonly Figure[]): string {
  const unresolved = figures.find((f) => f.unresolvedReason !== null)?.unresolvedReason;
  if (unresolved) return unresolved;
  const flows = figures.filter((f) => f.measure === 'change').map((f) => f.slug);
  const targets = figures.filter((f) => f.measure === 'target').map((f) => f.slug);
  if (flows.length === 0 && targets.length === 0) {
    return 'No source reports this quantity for this scope.';
  }
  const kinds = [
    flows.length > 0 ? `flows over a period (${flows.join(', ')})` : null,
    targets.length > 0 ? `targets (${targets.join(', ')})` : null,
  ].filter(Boolean);
  return `No reported figure can stand for the stock: only ${kinds.join(' and ')}.`;
}

/** Complete, partial or unknown, with the reason in one or two sentences. */
export function judgeCoverage(items: ItemisedTotal, figures: readonly Figure[]): Coverage {
  const bound = items.lowerBounds > 0 ? ' (a lower bound: some values are stated as "over")' : '';
  const unit = items.unit === 'MW' ? ' MW' : '';
  const records = `${items.records} itemised record${items.records === 1 ? '' : 's'}`;
  const sum =
    items.unit === 'records'
      ? `The total counts ${records}`
      : `The ${records} total ${items.total === null ? 'no known' : number.format(items.total)}${unit}${bound}`;
  if (items.outOfScope) return { verdict: 'unknown', reason: `${sum}; ${items.outOfScope}` };
  const [stock, ...others] = reportedStocks(figures);
  if (!stock || stock.normalisedValue === null) {
    return { verdict: 'unknown', reason: `${sum}. ${noStockReason(figures)}` };
  }
  const reported = stock.normalisedValue;
  const lowerBound = stock.qualifier === 'more_than' || stock.qualifier === 'at_least';
  const also =
    others.length > 0 ? `; also reported: ${others.map((f) => cite(f, unit)).join('; ')}` : '';
  const against = `against ${cite(stock, unit)} reported${others.length > 0 ? ', the largest reported stock' : ''}`;
  if (items.total !== null && (items.total < reported || (lowerBound && items.total <= reported))) {
    return {
      verdict: 'partial',
      reason: `${sum} ${against}: the records cover part of it${also}.`,
    };
  }
  if (items.total === reported && stock.normalisedValueMax === null && items.lowerBounds === 0) {
    return {
      verdict: 'complete',
      reason: `${sum}, as ${cite(stock, unit)} reports: every reported unit is itemised${also}.`,
    };
  }
  return {
    verdict: 'unknown',
    reason: `${sum} ${against}: the figures differ in scope or date, so the share covered cannot be told${also}.`,
  };
}

/** Whether a target's progress could be computed, and from what; `latest` is among `figures`. */
export function judgeTargetCoverage(
  latest: Figure | null,
  progressKnown: boolean,
  baselineOn: string | null,
  figures: readonly Figure[],
): Coverage {
  if (latest && progressKnown) {
    return {
      verdict: 'complete',
      reason: `Progress is computed from ${cite(latest)}, the newest preferred level reported${baselineOn ? ` after the baseline (${baselineOn})` : ''}.`,
    };
  }
  if (latest) {
    return {
      verdict: 'unknown',
      reason: `The newest preferred level, ${cite(latest)}, is a range or a bound, or the target adds to a baseline no source states: progress cannot be computed from it.`,
    };
  }
  const reported =
    figures.length === 0
      ? 'No source reports this indicator for the region.'
      : `Reported instead: ${figures.map((f) => `${f.slug} (${f.measure}, ${f.asOf ?? 'undated'})`).join(', ')}.`;
  return {
    verdict: 'unknown',
    reason: `No preferred level is reported${baselineOn ? ` after the baseline (${baselineOn})` : ''}. ${reported}`,
  };
}

/** The reported stocks of a quantity, or why none stands; flows and targets are never stocks. */
export function stockAnswer<F extends Figure>(figures: readonly F[]) {
  const stocks = figures.filter(
    (f) => f.measure === 'level' && f.preferred === 1 && f.normalisedValue !== null,
  );
  return {
    stocks,
    reason:
      stocks.length > 0
        ? `${stocks.length} preferred report${stocks.length === 1 ? '' : 's'} of the stock, newest first; see each one's scope note where the scopes differ.`
        : noStockReason(figures),
    flows: figures.filter((f) => f.measure === 'change'),
    targets: figures.filter((f) => f.measure === 'target'),
  };
}
