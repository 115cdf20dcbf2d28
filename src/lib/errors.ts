/**
 * A read request's bad argument, named: the data layer and the helpers throw it, the GraphQL layer
 * answers it as BAD_USER_INPUT with `extensions.argument`, and the HTTP routes as a 400.
 */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A request that would read more D1 rows than it may: refused before the statement runs, with a
 * message that says what to narrow.
 */
export class RowsLimitError extends InputError {
  override name = 'RowsLimitError';
}
