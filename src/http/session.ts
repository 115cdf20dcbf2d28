/**
 * One D1 session per request, for read replication: reads may go to a replica, a mutation's first
 * statement goes to the primary, and a client that sends back the `x-d1-bookmark` it was given
 * reads at least what it wrote. The session is opened on the first statement, so the constraint
 * can still change between the request's arrival and its execution (src/http/metering.ts marks mutations).
 */

/** Bookmarks are opaque; this only keeps junk (and header injection) out of D1's API. */
const BOOKMARK = /^[A-Za-z0-9._:-]{1,256}$/;

export function parseBookmark(header: string | null): string | null {
  return header && BOOKMARK.test(header) ? header : null;
}

export class RequestSession {
  private session: D1DatabaseSession | null = null;
  private primary = false;

  constructor(
    private readonly d1: D1Database,
    private readonly bookmark: string | null,
  ) {}

  /** The next statements must see the primary's latest state (mutations). */
  usePrimary(): void {
    this.primary = true;
  }

  private open(): D1DatabaseSession {
    if (!this.session) {
      // a mutation starts at the primary; a read starts after the client's bookmark, if it sent one
      const constraint = this.primary ? 'first-primary' : (this.bookmark ?? 'first-unconstrained');
      this.session = this.d1.withSession(constraint);
    }
    return this.session;
  }

  prepare(query: string): D1PreparedStatement {
    return this.open().prepare(query);
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    return this.open().batch<T>(statements);
  }

  /** The session's bookmark after its statements; the client's own one when nothing ran. */
  getBookmark(): string | null {
    return this.session?.getBookmark() ?? this.bookmark;
  }
}
