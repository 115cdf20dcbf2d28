/** The Hono environment of every route: the bindings, and what the init middleware sets once. */
import type { Db } from '../db/client';
import type { EdgeConfig } from './config';
import type { ClientIdentity, VerifiedViewer } from './identity';
import type { RequestSession } from './session';

export interface AppEnv {
  Bindings: CloudflareBindings;
  Variables: {
    requestId: string;
    config: EdgeConfig;
    /** the request's D1 session when D1_SESSIONS is on */
    session: RequestSession | null;
    /** the request's counted D1 handle (over the session when there is one) */
    db: Db;
    /** anonymous, or a verified key: any other credential was answered 401 */
    viewer: VerifiedViewer;
    /** who is metered: the verified key, or else the address */
    identity: ClientIdentity;
  };
}
