/** The schema: every domain file registers its types on the builder when imported. */
import { builder } from './builder';
import { guardedSchema } from './guards';
import { plainResolvers } from './lists';
import { sortedDirectives } from './sort-schema';
import './root';
import './source';
import './region';
import './sector';
import './indicator';
import './claim';
import './claim-links';
import './project';
import './energy-asset';
import './plan';
import './claim-subject';
import './search';
import './totals';
import './writes';
import './project-writes';
import './energy-asset-writes';
import './claim-writes';
import './claim-corrections';
import './plan-writes';
import './changes';
import './rate-limit';
import './data-status';

// node ids and connection nodes resolved by their plain functions (`plainResolvers`); scopes,
// input rules and typed refusals around the resolvers of the fields that ask (`guardedSchema`).
// Sorted lexicographically later, in place, before the first introspection (sort-schema.ts).
export const schema = guardedSchema(
  plainResolvers(builder.toSchema({ sortSchema: false, directives: sortedDirectives() })),
);
