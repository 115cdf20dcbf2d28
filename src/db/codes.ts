/**
 * Code lists: the closed sets of values a column holds (`under_construction`, `ac`, …), each with
 * its Persian and English label and, where the code needs one, an English description. The GraphQL
 * enums, the export labels, the export filters and the write rules all read them from here.
 */

export interface CodeInfo {
  /** labels, for the lists that exports write out next to their codes */
  fa?: string;
  en?: string;
  /** what the code means, where the label alone does not say it */
  description?: string;
}

export interface CodeList<Code extends string> {
  readonly values: readonly Code[];
  readonly info: Readonly<Record<Code, CodeInfo>>;
  has(value: unknown): value is Code;
}

export function codeList<const Code extends string>(info: Record<Code, CodeInfo>): CodeList<Code> {
  const values = Object.keys(info) as Code[];
  return {
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
