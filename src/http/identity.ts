/**
 * Who is calling, for budgets and rate limits: a partner (a valid API key) or an anonymous
 * client, keyed by its address.
 */
import type { Viewer } from '../db/api-keys';
import type { ClientKind } from '../graphql/context';

/** The caller once the init middleware has refused a credential that does not verify. */
export type VerifiedViewer = Exclude<Viewer, { kind: 'invalid' }>;

export interface ClientIdentity {
  kind: ClientKind;
  /** the rate-limit and budget key: `key:<api key id>` or `ip:<address>` */
  key: string;
  /** the address key, which the per-address limits count whoever is calling */
  addressKey: string;
  /**
   * false for a request with no client address: Cloudflare sets cf-connecting-ip on every request
   * from the internet (overwriting any sent), so only a request from inside (a test, a service
   * binding) lacks it; those are neither rate-limited nor budgeted.
   */
  metered: boolean;
}

export function clientIdentity(request: Request, viewer: VerifiedViewer): ClientIdentity {
  const address = request.headers.get('cf-connecting-ip');
  const addressKey = `ip:${address ?? 'internal'}`;
  if (viewer.kind === 'key') {
    return { kind: 'PARTNER', key: `key:${viewer.key.id}`, addressKey, metered: true };
  }
  return { kind: 'ANONYMOUS', key: addressKey, addressKey, metered: address !== null };
}
