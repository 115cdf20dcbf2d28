import { expect, it } from 'vitest';
import { langFromAcceptLanguage } from '../../src/lib/lang';

it.each([
  [null, 'fa'],
  ['', 'fa'],
  ['en', 'en'],
  ['EN-us', 'en'],
  ['fa;q=0.2, en;q=0.3', 'en'],
  ['en;q=0, fa', 'fa'],
  ['en;q=abc', 'fa'],
  ['*', 'fa'],
])('Accept-Language %j gives %s', (header, lang) => {
  expect(langFromAcceptLanguage(header)).toBe(lang);
});
