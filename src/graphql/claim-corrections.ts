/** What a claim's corrections leave readable: its status, why, by which key, when, and its successor. */
import { keyNames } from '../db/api-keys';
import { type Claim as ClaimRow, supersedingClaims } from '../db/claims';
import { CODES } from '../db/codes';
import { builder } from './builder';
import { Claim } from './claim';
import { loaderFor } from './context';
import { codeEnum } from './enums';
import { reference } from './references';
import { orNull } from './text';

const ClaimStatus = codeEnum(CODES.claimStatuses);

builder.objectFields(Claim, (t) => ({
  status: t.field({ type: ClaimStatus, resolve: (c) => c.status }),
  statusReason: t.exposeString(
    'statusReason',
    orNull('Why the claim was withdrawn or superseded.'),
  ),
  statusChangedAt: t.exposeString(
    'statusAt',
    orNull('When it was withdrawn or superseded (ISO 8601, UTC).'),
  ),
  statusChangedBy: t.string({
    nullable: true,
    description: 'The name of the API key (the partner) that withdrew or superseded it.',
    resolve: (c, _args, ctx) =>
      c.statusKeyId === null
        ? null
        : loaderFor<number, string | null>(ctx, 'key:name', (ids) => keyNames(ctx.db, ids)).load(
            c.statusKeyId,
          ),
  }),
  supersedes: t.field({
    type: Claim,
    nullable: true,
    description: 'The claim this one replaced.',
    ...reference(Claim, (c: ClaimRow) => c.supersedesId),
  }),
  supersededBy: t.field({
    type: Claim,
    nullable: true,
    description: 'The claim that replaced this one.',
    resolve: (c, _args, ctx) =>
      loaderFor<number, ClaimRow | null>(ctx, 'claim:supersededBy', (ids) =>
        supersedingClaims(ctx.db, ids),
      ).load(c.id),
  }),
}));
