/** Relay global IDs: base64url of "Type:localId", with errors that name what is wrong. */
import { InputError } from './errors';

export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return btoa(`${typename}:${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const fail = () =>
    new InputError(
      'id',
      `Malformed global ID ${JSON.stringify(globalId.slice(0, 80))}: use an id returned by this API.`,
    );
  if (globalId.length === 0 || globalId.length > 200 || !/^[A-Za-z0-9_-]+={0,2}$/.test(globalId)) {
    throw fail();
  }
  let decoded: string;
  try {
    decoded = atob(globalId.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw fail();
  }
  const match = /^([A-Z][A-Za-z]*):([1-9][0-9]{0,15})$/.exec(decoded);
  if (!match) throw fail();
  return { typename: match[1] as string, id: match[2] as string };
}
