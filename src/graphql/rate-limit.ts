/** rateLimit: the caller's cost budget, as GitHub's `rateLimit` reports it. */
import { builder } from './builder';
import { type BudgetReport, CLIENT_KINDS, type ClientKind } from './context';

const RateLimitClient = builder.enumType('RateLimitClient', {
  description: 'Whose budget this is.',
  values: Object.fromEntries(
    Object.entries(CLIENT_KINDS).map(([kind, description]) => [kind, { description }]),
  ) as Record<ClientKind, { description: string }>,
});

const RateLimit = builder.objectRef<BudgetReport>('RateLimit').implement({
  description:
    'The caller\'s cost budget after this request. Every list multiplies the cost of what it holds by its `first` (default 20); see the README, "Query cost".',
  fields: (t) => ({
    client: t.field({ type: RateLimitClient, resolve: (r) => r.client }),
    cost: t.exposeInt('cost', { description: 'The cost of this request.' }),
    maxCost: t.exposeInt('maxCost', { description: 'The highest cost one request may have.' }),
    limit: t.exposeInt('limit', { description: 'Points per window.' }),
    used: t.exposeInt('used', {
      description: 'Points used in this window, this request included.',
    }),
    remaining: t.exposeInt('remaining', { description: 'Points left in this window.' }),
    resetAt: t.exposeString('resetAt', {
      description: 'When the window ends and `used` returns to 0 (ISO 8601, UTC).',
    }),
  }),
});

builder.queryField('rateLimit', (t) =>
  t.field({
    type: RateLimit,
    nullable: true,
    description:
      'Your cost budget: limit, used, remaining and reset time. Null outside a metered request.',
    resolve: (_root, _args, ctx) => ctx.budget(),
  }),
);
