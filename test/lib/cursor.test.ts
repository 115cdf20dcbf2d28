import { expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/lib/cursor';
import { decodeGlobalId, encodeGlobalId } from '../../src/lib/global-id';

it('round-trips cursors, including Persian sort keys', () => {
  const payload = { o: 'NAME_FA', k: ['پروژه‌ها', 12] };
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
