/** The Pothos schema builder and its plugins. It defines no types: src/graphql/* do. */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context';
import { decodeGlobalId, encodeGlobalId } from './lib/global-id';

export interface PothosTypes {
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    Date: { Input: string; Output: string };
  };
}

export const builder = new SchemaBuilder<PothosTypes>({
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
    nodesOnConnection: {
      description: 'The items of this page, without their cursors (a shortcut for edges.node).',
    },
  },
});

builder.queryType({
  description: 'Read access to Ostan: regions, sectors, projects, energy, plans and claims.',
});
