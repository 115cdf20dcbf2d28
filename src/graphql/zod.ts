/**
 * zod, as the input rules use it: the tree-shakable build (`zod/mini`: import it as
 * `import * as z from 'zod/mini'`, never re-exported as an object, so the bundle keeps only the
 * checks in use) with the English messages, so a refused input reads as it always has ("Too big:
 * expected number to be <=100"). The builder imports this module once; src/graphql/guards.ts runs
 * the rules.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export type ZodType = z.ZodMiniType;

/** What src/graphql/guards.ts runs: a zod schema, or one made on first use (`lazyRule`). */
export interface Rule<Output = unknown> {
  safeParse(value: unknown): z.util.SafeParseResult<Output>;
}

/**
 * A rule made when it first runs. Making a zod schema builds its internals at once, and start-up
 * would pay that for every rule of every write input although a request runs few of them.
 */
export function lazyRule<Schema extends ZodType>(make: () => Schema): Rule<z.output<Schema>> {
  let made: Schema | undefined;
  return {
    safeParse: (value) => {
      made ??= make();
      return made.safeParse(value);
    },
  };
}
