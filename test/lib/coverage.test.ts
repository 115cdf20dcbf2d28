import { describe, expect, it } from 'vitest';
import { type Figure, judgeCoverage, judgeTargetCoverage } from '../../src/lib/coverage';

const figure = (over: Partial<Figure>): Figure => ({
  slug: 'c001',
  normalisedValue: 10,
  normalisedValueMax: null,
  qualifier: 'exact',
  measure: 'level',
  preferred: 1,
  asOf: '2025-08-23',
  publisher: 'Mehr News Agency',
  unresolvedReason: null,
  ...over,
});
const mw = (total: number, lowerBounds = 0) => ({
  records: 2,
  total,
  unit: 'MW' as const,
  lowerBounds,
  outOfScope: null,
});

describe('judgeCoverage', () => {
  it.each([
    { name: 'below the reported stock', total: 4, figures: [figure({})], verdict: 'partial' },
    { name: 'equal to it', total: 10, figures: [figure({})], verdict: 'complete' },
    {
      name: 'above it (another scope or date)',
      total: 12,
      figures: [figure({})],
      verdict: 'unknown',
    },
    {
      name: 'equal to a lower bound ("over 10")',
      total: 10,
      figures: [figure({ qualifier: 'more_than' })],
      verdict: 'partial',
    },
    {
      name: 'beside flows only',
      total: 4,
      figures: [figure({ measure: 'change' }), figure({ slug: 'c002', measure: 'target' })],
      verdict: 'unknown',
    },
    {
      name: 'beside a stock no claim can stand for',
      total: 4,
      figures: [figure({ preferred: 0, unresolvedReason: 'Not a stock.' })],
      verdict: 'unknown',
    },
    { name: 'with nothing reported', total: 4, figures: [], verdict: 'unknown' },
  ])('$name: $verdict', ({ total, figures, verdict }) => {
    expect(judgeCoverage(mw(total), figures).verdict).toBe(verdict);
  });

  it('compares with the largest preferred stock and cites the others', () => {
    const { verdict, reason } = judgeCoverage(mw(300), [
      figure({ slug: 'c116', normalisedValue: 200 }),
      figure({ slug: 'c138', normalisedValue: 1000, qualifier: 'about', asOf: '2026-01-06' }),
    ]);
    expect(verdict).toBe('partial');
    expect(reason).toBe(
      'The 2 itemised records total 300 MW against about 1,000 MW (c138, Mehr News Agency, 2026-01-06) reported, the largest reported stock: the records cover part of it; also reported: 200 MW (c116, Mehr News Agency, 2025-08-23).',
    );
  });

  it('names flows and targets when no stock is reported', () => {
    const { reason } = judgeCoverage(mw(4), [
      figure({ slug: 'c093', measure: 'change' }),
      figure({ slug: 'c035', measure: 'target' }),
    ]);
    expect(reason).toBe(
      'The 2 itemised records total 4 MW. No reported figure can stand for the stock: only flows over a period (c093) and targets (c035).',
    );
  });

  it('keeps a sum with a lower bound in it a lower bound, and never complete', () => {
    const { verdict, reason } = judgeCoverage(mw(10, 1), [figure({})]);
    expect(verdict).toBe('unknown');
    expect(reason).toContain('a lower bound');
  });

  it('says why a group is out of scope before looking at any figure', () => {
    const coverage = judgeCoverage({ ...mw(4), outOfScope: 'the plants mix technologies.' }, [
      figure({}),
    ]);
    expect(coverage).toEqual({
      verdict: 'unknown',
      reason: 'The 2 itemised records total 4 MW; the plants mix technologies.',
    });
  });
});

describe('judgeTargetCoverage', () => {
  it('is complete when progress comes from a claim, unknown otherwise', () => {
    const latest = figure({ slug: 'c124' });
    expect(judgeTargetCoverage(latest, true, null, [latest]).verdict).toBe('complete');
    expect(judgeTargetCoverage(latest, false, null, [latest]).verdict).toBe('unknown');
    expect(judgeTargetCoverage(null, false, '2025-08-23', []).reason).toBe(
      'No preferred level is reported after the baseline (2025-08-23). No source reports this indicator for the region.',
    );
  });
});
