/**
 * Who is calling, for budgets and rate limits: a partner (a valid API key, resolved by the
 * context's `viewer`) or an anonymous client, keyed by its address.
 */

export interface ClientIdentity {
  kind: 'anonymous' | 'partner';
  /** the rate-limit and budget key: `key:<api key id>` or `ip:<address>` */
  key: string;
  /**
   * false for a request with no client address: Cloudflare sets cf-connecting-ip on every request
   * from the internet (overwriting any sent), so only a request from inside (a test, a service
   * binding) lacks it; those are neither rate-limited nor budgeted.
   */
  metered: boolean;
}

export function anonymousIdentity(request: Request): ClientIdentity {
  const address = request.headers.get('cf-connecting-ip');
  return { kind: 'anonymous', key: `ip:${address ?? 'internal'}`, metered: address !== null };
}

/**
 * The partner identity of a GraphQL context whose viewer holds a valid key, else null. Read
 * structurally: the viewer is src/context.ts's, resolved there from `Authorization: Bearer`.
 */
export function partnerIdentity(context: unknown): ClientIdentity | null {
  const viewer = (context as { viewer?: { kind?: string; key?: { id?: unknown } } }).viewer;
  if (viewer?.kind !== 'key' || viewer.key?.id === undefined) return null;
  return { kind: 'partner', key: `key:${String(viewer.key.id)}`, metered: true };
}
