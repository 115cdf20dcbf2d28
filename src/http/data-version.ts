/**
 * The data version: a counter that every committed write advances, held in one Durable Object
 * so that every location sees the same value at once. Cached reads are keyed on it, so a read
 * cached before a write is never served after it, and a cache hit never touches D1 to find out.
 * Each isolate keeps the value it last read for up to DATA_VERSION_HOLD_MS (one Durable Object
 * call per isolate and second instead of one per cached read); a write committed in the isolate
 * replaces it at once, so only a write committed in another isolate can go unseen, for at most
 * that long.
 */
import { DurableObject } from 'cloudflare:workers';

/** How long an isolate answers with the version it last read: the staleness bound of cached reads. */
export const DATA_VERSION_HOLD_MS = 1000;

export class DataVersion extends DurableObject<CloudflareBindings> {
  private version = 0;

  constructor(ctx: DurableObjectState, env: CloudflareBindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.version = (await ctx.storage.get<number>('version')) ?? 0;
    });
  }

  current(): number {
    return this.version;
  }

  async advance(): Promise<number> {
    this.version += 1;
    await this.ctx.storage.put('version', this.version);
    return this.version;
  }
}

interface Held {
  version: number;
  /** Date.now() after which the Durable Object is asked again */
  until: number;
}

/**
 * The version each isolate holds, per Durable Object namespace (tests hand the worker copies of
 * env that share it). The number, never a promise: a promise made by one request's I/O must not
 * be awaited by another.
 */
const held = new WeakMap<object, Held>();

function stub(env: CloudflareBindings) {
  return env.DATA_VERSION.get(env.DATA_VERSION.idFromName('global'));
}

/** The current data version, at most DATA_VERSION_HOLD_MS old unless this isolate wrote since. */
export async function currentDataVersion(env: CloudflareBindings): Promise<number> {
  const entry = held.get(env.DATA_VERSION);
  if (entry && Date.now() < entry.until) return entry.version;
  const asked = Date.now();
  const version = await stub(env).current();
  // a write committed here while the Durable Object answered holds the newer version already
  const now = held.get(env.DATA_VERSION);
  if (!now || now === entry)
    held.set(env.DATA_VERSION, { version, until: asked + DATA_VERSION_HOLD_MS });
  return version;
}

/** Called after a request whose write committed: cached reads made before it stop matching. */
export async function advanceDataVersion(env: CloudflareBindings): Promise<number> {
  // stop answering with the old version now, not once the Durable Object has answered
  held.delete(env.DATA_VERSION);
  const version = await stub(env).advance();
  held.set(env.DATA_VERSION, { version, until: Date.now() + DATA_VERSION_HOLD_MS });
  return version;
}
