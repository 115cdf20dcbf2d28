/** How a failed field reads to a client: the data layer's InputError as BAD_USER_INPUT. */
import { GraphQLError } from 'graphql';
import { InputError } from '../lib/errors';

/** The error as the client sees it: an InputError names its argument; others pass unchanged. */
export function clientError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  if (!(original instanceof InputError)) return error;
  return new GraphQLError(original.message, {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: 'BAD_USER_INPUT', argument: original.argument },
  });
}
