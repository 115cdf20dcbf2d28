/** The expected failures of a write: each becomes a typed GraphQL result, never a top-level error. */

export interface Issue {
  /** where the problem is, from the mutation's argument down: ['input', 'rows', '3', 'slug'] */
  path: string[];
  message: string;
  /** a stable machine-readable reason: too_small, too_big, invalid_format, unknown_reference, ... */
  code: string;
}

/** The input breaks a rule; nothing was written. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly issues: Issue[]) {
    super(
      `Invalid input: ${issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`)
        .join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`,
    );
  }
}

export function invalid(path: string[], message: string, code = 'invalid'): ValidationError {
  return new ValidationError([{ path, message, code }]);
}

/** The key may not do this (missing, revoked, wrong scope, or a region it may not write). */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
  constructor(
    message: string,
    readonly reason: 'NO_KEY' | 'INVALID_KEY' | 'REVOKED_KEY' | 'SCOPE' | 'REGION',
    /** for REGION: the input field that names a row in a region the key may not write */
    readonly path: string[] | null = null,
  ) {
    super(message);
  }
}

/** The object the write refers to does not exist (or no longer does). */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    message: string,
    readonly path: string[],
  ) {
    super(message);
  }
}

/**
 * Someone else wrote first: the version the client read is not the current one. The client
 * re-reads, reapplies its change and sends `currentVersion`. For an idempotency key reused with a
 * different request, currentVersion is null.
 */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    message: string,
    readonly currentVersion: number | null,
  ) {
    super(message);
  }
}
