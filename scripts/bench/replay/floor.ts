/** The floor with its D1 binding replayed from memory (scripts/bench/replay/d1.ts; `bench --replay`). */
import floor from '../floor/index';
import { replayEnv } from './d1';

export { DataVersion } from '../../../src/http/data-version';

export default {
  fetch: (request: Request, env: { DB: D1Database }, ctx: ExecutionContext) =>
    floor.fetch(request, replayEnv(env) as never, ctx),
};
