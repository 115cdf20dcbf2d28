/** The rules write inputs share (zod, run by src/graphql/guards.ts before any resolver). */
import type { InputRef } from '@pothos/core';
import * as z from 'zod/mini';
import { parseIsoDate } from '../lib/jalali';
import { builder } from './builder';
import { lazyRule } from './zod';

/** An enum another file defines and does not export, by name (Pothos resolves names at build). */
export function enumByName<Value extends string>(name: string): InputRef<Value> {
  return name as unknown as InputRef<Value>;
}

export const slugRule = lazyRule(() =>
  z
    .string()
    .check(
      z.maxLength(100, 'At most 100 characters.'),
      z.regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        'Lower-case letters, digits and single hyphens, e.g. qom-solar-2.',
      ),
    ),
);

/** A slug naming an existing row: existing slugs may use underscores (indicators) and digits. */
export const refRule = lazyRule(() =>
  z
    .string()
    .check(
      z.minLength(1, 'Must not be empty.'),
      z.maxLength(200, 'At most 200 characters.'),
      z.regex(/^[a-z0-9_-]+$/, 'A slug: lower-case letters, digits, hyphens and underscores.'),
    ),
);

export const nameRule = lazyRule(() =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Must not be empty.'),
      z.maxLength(200, 'At most 200 characters.'),
    ),
);

export const textRule = (max: number) =>
  lazyRule(() => z.string().check(z.trim(), z.maxLength(max, `At most ${max} characters.`)));

/** An ISO date in 1900–2100; a Jalali date (years 1300–1500) is named as such. */
export const isoDateRule = lazyRule(() =>
  z.string().check(
    z.superRefine((value: string, ctx) => {
      const year = Number(value.slice(0, 4));
      const fail = (code: string, message: string) =>
        ctx.addIssue({ code: 'custom', message, params: { code } });
      if (/^\d{4}-\d{2}-\d{2}$/.test(value) && year >= 1300 && year <= 1500) {
        fail(
          'jalali_date',
          `${value} looks like a Jalali date; give the ISO (Gregorian) date, YYYY-MM-DD.`,
        );
      } else if (!parseIsoDate(value)) {
        fail(
          'invalid_date',
          `Expected an ISO date, YYYY-MM-DD; got ${JSON.stringify(value.slice(0, 40))}.`,
        );
      } else if (year < 1900 || year > 2100) {
        fail('date_out_of_range', `${value} is outside 1900–2100.`);
      }
    }),
  ),
);

// a version counts writes to one row: a billion of them is not a version any row has
export const versionRule = lazyRule(() =>
  z
    .int()
    .check(
      z.minimum(1, 'Versions start at 1.'),
      z.maximum(1_000_000_000, 'No row has this many versions.'),
    ),
);

/** A rule over a whole input: the date field `later` is not before `earlier` (when both are given). */
export function dateOrder(earlier: string, later: string) {
  return lazyRule(() =>
    z.looseObject({ [earlier]: z.nullish(z.string()), [later]: z.nullish(z.string()) }).check(
      z.refine(
        (p: Record<string, unknown>) => {
          const [a, b] = [p[earlier], p[later]];
          return typeof a !== 'string' || typeof b !== 'string' || b >= a;
        },
        { message: `${later} is before ${earlier}.`, path: [later] },
      ),
    ),
  );
}

const idempotencyKeyRule = lazyRule(() =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(100),
      z.regex(/^[A-Za-z0-9._:-]+$/, 'Letters, digits and . _ : - only.'),
    ),
);

export const idempotencyKeyArg = () =>
  builder.args((t) => ({
    idempotencyKey: t.string({
      required: false,
      description:
        'Makes the write safe to retry: a retry with the same key returns the first result and writes nothing again (keys are per API key; 1–100 characters).',
      validate: idempotencyKeyRule,
    }),
  }));
