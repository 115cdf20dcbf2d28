/**
 * Start-up probe: how long the schema modules take to evaluate (Pothos types registered and
 * `builder.toSchema()`) inside workerd. Date.now() advances during module evaluation in local
 * workerd (performance.now() does not), so the module scope can time itself. Bundled by
 * scripts/bench/bench.mjs with esbuild and run under Miniflare.
 */
import './t0';
import { schema } from '../../../src/graphql/index';

const t0 = (globalThis as { __startupT0?: number }).__startupT0 ?? Date.now();
const modulesMs = Date.now() - t0;

export default {
  fetch() {
    return Response.json({ modulesMs, types: Object.keys(schema.getTypeMap()).length });
  },
};
