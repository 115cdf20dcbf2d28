/** The schema: every domain file registers its types on the builder when imported. */
import { builder } from '../builder';
import './source';
import './region';
import './sector';
import './indicator';
import './claim';
import './project';
import './energy-asset';
import './plan';
import './claim-subject';
import './search';
import './totals';
import './mutations/project';
import './mutations/energy-asset';
import './mutations/claim';
import './mutations/plan';
import './changes';
import './rate-limit';
import './data-status';

export const schema = builder.toSchema();
