/** The Pothos schema builder and its plugins. It defines no types: src/graphql/* do. */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import { decodeGlobalId, encodeGlobalId } from '../lib/global-id';
import type { Context } from './context';
// the field options `authScopes` and `validate`, which src/graphql/guards.ts acts on
import './guards';
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
}

export const builder = new SchemaBuilder<PothosTypes>({
  // Relay before dataloader, whose loadable nodes are relay's (PLATFORM.md;
  // test/graphql/guards.test.ts checks the list). Scopes, input rules and typed
  // refusals are not plugins: src/graphql/guards.ts applies them to the built schema.
  plugins: [RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
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
