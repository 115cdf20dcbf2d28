import { expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/lib/cursor';
import { decodeGlobalId, encodeGlobalId } from '../../src/lib/global-id';

it('round-trips cursors, including Persian sort keys', () => {
  const payload = { o: 'NAME_FA', k: ['پروژه‌ها', 12] };
  expect(decodeCursor(encodeCursor(payload))).toEqual(payload);
});

it.each([
  { o: 'NAME_EN_ASC', k: ['Synthetic project 971', 971] },
  { o: 'NAME_FA_DESC', k: ['پروژه ساختگی ۱۲', 12] },
  { o: 'PROGRESS_DESC', k: [null, 3.5, 'a+b/c?', 7] },
  { o: 'ID_ASC', k: [1] },
])('encodes %j as base64url of its UTF-8 JSON, unpadded', (payload) => {
  // the encoding clients already hold: it must not change
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  const reference = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  expect(encodeCursor(payload)).toBe(reference);
  expect(decodeCursor(encodeCursor(payload))).toEqual(payload);
});

it.each(['', '!!!', btoa('[]'), btoa('{"o":1,"k":[]}'), 'A'.repeat(600), btoa('\xff\xfe')])(
  'refuses %j as a cursor',
  (text) => {
    expect(decodeCursor(text)).toBeNull();
  },
);

it('round-trips global IDs and rejects forged ones', () => {
  expect(decodeGlobalId(encodeGlobalId('Region', 12))).toEqual({ typename: 'Region', id: '12' });
  expect(() => decodeGlobalId(btoa('Region:0'))).toThrow(/Malformed global ID/);
  expect(() => decodeGlobalId(btoa('Region:1:2'))).toThrow(/Malformed global ID/);
});
