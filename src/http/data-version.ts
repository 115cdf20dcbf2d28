/**
 * The data version: a counter that every committed write advances, held in one Durable Object
 * so that every location sees the same value at once. Cached reads are keyed on it, so a read
 * cached before a write is never served after it, and a cache hit never touches D1 to find out.
 */
import { DurableObject } from 'cloudflare:workers';

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

function stub(env: CloudflareBindings) {
  return env.DATA_VERSION.get(env.DATA_VERSION.idFromName('global'));
}

export function currentDataVersion(env: CloudflareBindings): Promise<number> {
  return stub(env).current();
}

/** Called after a request whose write committed: cached reads made before it stop matching. */
export function advanceDataVersion(env: CloudflareBindings): Promise<number> {
  return stub(env).advance();
}
