/** The two languages every human-readable name comes in, and how a request picks one. */

export type Lang = 'fa' | 'en';

/**
 * Picks the preferred supported language from an Accept-Language header (RFC 9110 q-values),
 * falling back to Persian, the language of the data.
 */
export function langFromAcceptLanguage(header: string | null | undefined): Lang {
  if (!header) return 'fa';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'fa' && primary !== 'en') continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q') q = Number.parseFloat(value ?? '');
    }
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? 'fa';
}

export function pick<T>(lang: Lang, fa: T, en: T): T {
  return lang === 'en' ? en : fa;
}
