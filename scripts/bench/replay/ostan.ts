/** Ostan with its D1 binding replayed from memory (scripts/bench/replay/d1.ts; `bench --replay`). */
import app from '../../../src/index';
import { replayEnv } from './d1';

export { QueryBudget } from '../../../src/http/budget';
export { DataVersion } from '../../../src/http/data-version';

export default {
  fetch: (request: Request, env: CloudflareBindings, ctx: ExecutionContext) =>
    app.fetch(request, replayEnv(env), ctx),
};
