/**
 * Code lists: the closed sets of values a column holds (`under_construction`, `ac`, …), each with
 * its Persian and English label and, where the code needs one, an English description. The lists
 * themselves are data, in `code-lists.json` (the scripts read the same file); the GraphQL enums,
 * the export labels, the export filters and the write rules all read them through here.
 */
import CODE_LISTS from './code-lists.json';

export interface CodeInfo {
  /** labels, for the lists that exports write out next to their codes */
  fa?: string;
  en?: string;
  /** what the code means, where the label alone does not say it */
  description?: string;
}

/**
 * A code list as it is written down: its name (the GraphQL enum's), what it is, the columns that
 * hold it (`table.column`, whose CHECK constraint lists the same codes), its codes.
 */
export interface CodeListSpec<Code extends string> {
  name: string;
  description: string;
  columns?: readonly string[];
  codes: Record<Code, CodeInfo>;
}

export interface CodeList<Code extends string> {
  readonly name: string;
  readonly description: string;
  readonly values: readonly Code[];
  readonly info: Readonly<Record<Code, CodeInfo>>;
  has(value: unknown): value is Code;
}

export function codeList<const Code extends string>({
  name,
  description,
  codes: info,
}: CodeListSpec<Code>): CodeList<Code> {
  const values = Object.keys(info) as Code[];
  return {
    name,
    description,
    values,
    info,
    has: (value): value is Code => typeof value === 'string' && Object.hasOwn(info, value),
  };
}

/** The code's labels, or the code itself in both languages when the list does not know it. */
export function labelOf<Code extends string>(
  list: CodeList<Code>,
  code: string | null | undefined,
): { fa: string | null; en: string | null } {
  if (code == null) return { fa: null, en: null };
  const info = list.has(code) ? list.info[code] : undefined;
  return { fa: info?.fa ?? code, en: info?.en ?? code };
}

/** A code list of bare codes (no labels), for sets the code defines, such as the entity kinds. */
export function codesOf<const Code extends string>(
  name: string,
  description: string,
  values: readonly Code[],
): CodeList<Code> {
  const codes = Object.fromEntries(values.map((value) => [value, {}])) as Record<Code, CodeInfo>;
  return codeList({ name, description, codes });
}

type Written = typeof CODE_LISTS;

/** The code lists of the data, by their key in `code-lists.json`. */
export const CODES = Object.fromEntries(
  Object.entries(CODE_LISTS).map(([key, spec]) => [key, codeList(spec as CodeListSpec<string>)]),
) as { [K in keyof Written]: CodeList<Extract<keyof Written[K]['codes'], string>> };

/** The codes of one list as a type: `Code<'projectStatuses'>` is `'planned' | …`. */
export type Code<K extends keyof typeof CODES> = (typeof CODES)[K]['values'][number];
