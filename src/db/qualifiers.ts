/** How exactly a figure was stated, wherever it is stored: a claim's value or a plant's capacity. */
import { codeList } from './codes';

export const QUALIFIERS = codeList({
  exact: {},
  about: {},
  more_than: { description: 'A lower bound: “over 570 MW”.' },
  at_least: { description: 'A lower bound that may be met exactly.' },
  less_than: {},
  at_most: {},
  range: { description: 'From the value to the upper bound.' },
});
export type Qualifier = (typeof QUALIFIERS.values)[number];
