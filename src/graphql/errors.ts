/**
 * How a failed field reads to a client: the data layer's InputError as BAD_USER_INPUT, a request
 * over its D1 rows as ROWS_LIMIT_EXCEEDED, and an input rule's ValidationError on a field whose
 * result union does not hold it (src/graphql/guards.ts) as BAD_USER_INPUT with its issues.
 */
import { GraphQLError } from 'graphql';
import { ValidationError } from '../db/writes/errors';
import { InputError, RowsLimitError } from '../lib/errors';

/** The error as the client sees it: an InputError names its argument; others pass unchanged. */
export function clientError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  if (original instanceof ValidationError) {
    return new GraphQLError(original.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'BAD_USER_INPUT', issues: original.issues },
    });
  }
  if (!(original instanceof InputError)) return error;
  return new GraphQLError(original.message, {
    nodes: error.nodes,
    path: error.path,
    extensions: {
      code: original instanceof RowsLimitError ? 'ROWS_LIMIT_EXCEEDED' : 'BAD_USER_INPUT',
      argument: original.argument,
    },
  });
}
