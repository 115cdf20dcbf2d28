/** The change feed (public) and the audit log (admin keys), read in commit order from a cursor. */

import * as z from 'zod/mini';
import { CODES, codesOf } from '../db/codes';
import { ENTITY_KINDS } from '../db/entities';
import type { EntityKind } from '../db/entity';
import type { ChangeRow } from '../db/writes/batch';
import {
  type AuditEntry,
  auditSince,
  changesSince,
  MAX_FEED_PAGE,
  parseCursor,
} from '../db/writes/feed';
import { InputError } from '../lib/errors';
import { encodeGlobalId } from '../lib/global-id';
import { builder } from './builder';
import { codeEnum } from './enums';
import { JsonScalar } from './scalars';
import { TYPENAMES } from './typenames';
import { resultUnion } from './writes';
import { lazyRule } from './zod';

const ChangeEntity = codeEnum(
  codesOf('ChangeEntity', 'The kind of object a change is about.', ENTITY_KINDS),
);
const ChangeOp = codeEnum(CODES.changeOperations);

/** One change as the feed gives it, in GraphQL and as a line of GET /changes alike. */
export function changeRecord(change: ChangeRow) {
  return {
    cursor: String(change.id),
    op: change.op,
    entity: change.entity,
    objectId: encodeGlobalId(TYPENAMES[change.entity], change.entityId),
    entityId: change.entityId,
    version: change.version,
    committedAt: change.committedAt,
    data: change.data,
  };
}

const Change = builder.objectRef<ChangeRow>('Change').implement({
  description: 'One create, update or delete, with the whole row after it.',
  fields: (t) => ({
    cursor: t.string({
      description: 'Resume after this change with `changes(since: cursor)`.',
      resolve: (c) => String(c.id),
    }),
    op: t.field({ type: ChangeOp, resolve: (c) => c.op }),
    entity: t.field({ type: ChangeEntity, resolve: (c) => c.entity }),
    objectId: t.id({
      description: 'The global ID of the object.',
      resolve: (c) => changeRecord(c).objectId,
    }),
    entityId: t.exposeInt('entityId', { description: 'The object’s row id.' }),
    version: t.exposeInt('version'),
    committedAt: t.exposeString('committedAt', { description: 'ISO 8601 UTC.' }),
    data: t.field({
      type: JsonScalar,
      nullable: true,
      description: 'The row after the change; null for a delete.',
      resolve: (c) => c.data,
    }),
  }),
});

const ChangePage = builder
  .objectRef<{ changes: ChangeRow[]; hasMore: boolean; cursor: string }>('ChangePage')
  .implement({
    fields: (t) => ({
      changes: t.field({ type: [Change], resolve: (p) => p.changes }),
      cursor: t.exposeString('cursor', {
        description: 'Pass it as `since` next time (the same cursor when nothing is new).',
      }),
      hasMore: t.exposeBoolean('hasMore'),
    }),
  });

function readCursor(since: string | null | undefined): number {
  const cursor = parseCursor(since);
  if (cursor === null) {
    throw new InputError(
      'since',
      '`since` must be a cursor this API returned (or "0" for the start).',
    );
  }
  return cursor;
}

const AuditEntryType = builder.objectRef<AuditEntry>('AuditEntry').implement({
  description: 'Who (key) did what (operation, object, before and after), when, in which request.',
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => String(e.id) }),
    at: t.exposeString('at'),
    keyName: t.exposeString('keyName'),
    keyId: t.exposeInt('keyId'),
    requestId: t.exposeString('requestId'),
    operation: t.exposeString('operation'),
    entity: t.field({ type: ChangeEntity, resolve: (e) => e.entity as EntityKind }),
    objectId: t.id({
      resolve: (e) => encodeGlobalId(TYPENAMES[e.entity as EntityKind], e.entityId),
    }),
    before: t.field({ type: JsonScalar, nullable: true, resolve: (e) => e.before }),
    after: t.field({ type: JsonScalar, nullable: true, resolve: (e) => e.after }),
    changeCursor: t.string({ resolve: (e) => String(e.changeId) }),
  }),
});

const AuditPage = builder
  .objectRef<{ entries: AuditEntry[]; hasMore: boolean; cursor: string }>('AuditPage')
  .implement({
    fields: (t) => ({
      entries: t.field({ type: [AuditEntryType], resolve: (p) => p.entries }),
      cursor: t.exposeString('cursor'),
      hasMore: t.exposeBoolean('hasMore'),
    }),
  });

const pageSize = lazyRule(() =>
  z.int().check(z.minimum(1), z.maximum(MAX_FEED_PAGE, `At most ${MAX_FEED_PAGE}.`)),
);

builder.queryFields((t) => ({
  changes: t.field({
    type: ChangePage,
    description:
      'Every create, update and delete of every object, in commit order, after the cursor `since` (from the start when absent). Replaying it from the start rebuilds the data.',
    args: {
      since: t.arg.string({ required: false }),
      first: t.arg.int({ required: false, defaultValue: 100, description: `1–${MAX_FEED_PAGE}.` }),
    },
    resolve: async (_root, { since, first }, ctx) => {
      const after = readCursor(since);
      const limit = pageSize.safeParse(first ?? 100);
      if (!limit.success) {
        throw new InputError('first', `\`first\` must be between 1 and ${MAX_FEED_PAGE}.`);
      }
      const page = await changesSince(ctx.db, after, limit.data);
      return { ...page, cursor: String(page.changes.at(-1)?.id ?? after) };
    },
  }),
  auditLog: t.field({
    type: resultUnion('QueryAuditLog', AuditPage, ['ForbiddenError']),
    authScopes: { scope: 'admin' },
    description: 'The audit log, oldest first, after the cursor `since`. Needs an `admin` key.',
    args: {
      since: t.arg.string({ required: false }),
      first: t.arg.int({ required: false, defaultValue: 100, validate: pageSize }),
    },
    resolve: async (_root, { since, first }, ctx) => {
      const after = readCursor(since);
      const page = await auditSince(ctx.db, after, first ?? 100);
      return { ...page, cursor: String(page.entries.at(-1)?.id ?? after) };
    },
  }),
}));
