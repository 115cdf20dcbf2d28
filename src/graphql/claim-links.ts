/** How a claim relates to others: its alternatives, the claims about the same quantity, its scope. */
import { alternativesOfClaims, type Claim as ClaimRow, relatedOfClaims } from '../db/claims';
import { builder } from './builder';
import { Claim } from './claim';
import { type Context, loaderFor } from './context';
import { orNull } from './text';

/** Resolves a claim's linked claims, loaded for every claim of the response at once. */
function linked(
  name: string,
  load: (db: Context['db'], ids: readonly number[]) => Promise<ClaimRow[][]>,
) {
  return (c: ClaimRow, _args: unknown, ctx: Context) =>
    loaderFor<number, ClaimRow[]>(ctx, `claim:${name}`, (ids) => load(ctx.db, ids)).load(c.id);
}

builder.objectFields(Claim, (t) => ({
  scopeNote: t.exposeString(
    'scopeNote',
    orNull('What the figure covers, in one line (e.g. “Jobs created by the 52 projects”).'),
  ),
  quantity: t.exposeString(
    'quantity',
    orNull(
      'Names the quantity the claim is about when claims of it are filed under different indicators or scopes (e.g. qom-new-jobs-2025).',
    ),
  ),
  unresolvedReason: t.exposeString(
    'unresolvedReason',
    orNull(
      'Set when no claim of this comparison can stand for the figure (only flows or targets, or figures that measure something else): why none is preferred.',
    ),
  ),
  alternatives: t.field({
    type: [Claim],
    description: 'The other claims about the same subject, indicator and period.',
    resolve: linked('alternatives', alternativesOfClaims),
  }),
  related: t.field({
    type: [Claim],
    description:
      'Every other claim about the same quantity however it is filed: its conflict group and its quantity, under any indicator or scope. Each carries its `scopeNote`.',
    resolve: linked('related', relatedOfClaims),
  }),
}));
