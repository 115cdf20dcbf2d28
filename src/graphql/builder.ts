/** The Pothos schema builder and its plugins. It defines no types: src/graphql/* do. */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Viewer } from '../db/api-keys';
import { ForbiddenError, type Issue, ValidationError } from '../db/writes/errors';
import type { Scope } from '../lib/api-keys';
import { decodeGlobalId, encodeGlobalId } from '../lib/global-id';
import type { Context } from './context';
// the rules' messages in English (zod/mini loads no locale of its own)
import './zod';

export interface PothosTypes {
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    Date: { Input: string; Output: string };
    /** output only: a whole row in the change feed and the audit log */
    JSON: { Input: never; Output: Record<string, unknown> };
  };
  AuthScopes: {
    /** a valid, unrevoked key */
    authenticated: boolean;
    /** the key holds this scope (or `admin`, which holds them all) */
    scope: Scope;
  };
}

/** The ForbiddenError for a viewer that has no usable key; null when it has one. */
export function keyRefusal(viewer: Viewer): ForbiddenError | null {
  if (viewer.kind === 'key') return null;
  if (viewer.kind === 'anonymous') {
    return new ForbiddenError(
      'This operation needs an API key: Authorization: Bearer <key>.',
      'NO_KEY',
    );
  }
  if (viewer.reason === 'revoked') {
    return new ForbiddenError('This API key has been revoked.', 'REVOKED_KEY');
  }
  return new ForbiddenError('This API key is not valid.', 'INVALID_KEY');
}

function issuePath(path: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined): string[] {
  return (path ?? []).map((part) => String(typeof part === 'object' ? part.key : part));
}

export const builder = new SchemaBuilder<PothosTypes>({
  // Order matters (PLATFORM.md; test/graphql/partner-plugin-order.test.ts checks it): relay first, so
  // scopes see parsed global IDs; scope-auth before every plugin that wraps resolvers; errors
  // before dataloader. Validation runs as an argument mapper, before any resolver wrapper.
  plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.viewer.kind === 'key',
      scope: (scope) =>
        ctx.viewer.kind === 'key' &&
        (ctx.viewer.key.scopes.includes(scope) || ctx.viewer.key.scopes.includes('admin')),
    }),
    // a refused scope is a typed ForbiddenError result, naming what the key lacks
    unauthorizedError: (_parent, ctx, info) => {
      const refusal = keyRefusal(ctx.viewer);
      if (refusal) return refusal;
      const needed = (
        info.parentType.getFields()[info.fieldName]?.extensions?.pothosOptions as
          | { authScopes?: { scope?: string } }
          | undefined
      )?.authScopes?.scope;
      return new ForbiddenError(
        `This API key lacks the scope ${needed ? `\`${needed}\`` : 'this operation needs'}.`,
        'SCOPE',
      );
    },
  },
  errors: {
    // validation failures become typed ValidationError results; see validationError below
    unsafelyHandleInputErrors: true,
  },
  validation: {
    // Input rules run before resolvers and their scope checks. So that nobody without a key
    // learns anything from them, a request without a usable key is refused first.
    validationError: (failure, _args, ctx) =>
      keyRefusal(ctx.viewer) ??
      new ValidationError(
        failure.issues.map(
          (issue): Issue => ({
            path: issuePath(issue.path),
            message: issue.message,
            // zod's issue code, or the one a custom rule names in params.code
            code: String(
              (issue as { params?: { code?: unknown } }).params?.code ??
                (issue as { code?: unknown }).code ??
                'invalid',
            ),
          }),
        ),
      ),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, id),
    decodeGlobalID: (globalId) => decodeGlobalId(globalId),
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when no such object exists.',
    },
    nodesQueryOptions: {
      description: 'Fetches objects by global ID, in order; null for each ID with no object.',
    },
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // each connection's `nodes` is connectionType's (src/graphql/lists.ts): the page's rows as
    // they are, where relay's maps the edges (and would make them for a query that reads none)
    nodesOnConnection: false,
  },
});
