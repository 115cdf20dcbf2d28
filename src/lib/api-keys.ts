/** API keys: their format, scopes and hash. Pure (Web Crypto only), shared by the Worker's context. */
import { sha256Hex } from './hash';

export const KEY_PREFIX = 'ostan_';

/** Every scope a key can hold. No data in Ostan is private, so there is no read scope. */
export const SCOPES = [
  'write:projects',
  'write:energy',
  'write:claims',
  'write:plans',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/** `ostan_` + 32 random bytes in base64url (43 characters): 256 bits, so a plain hash suffices. */
export const KEY_PATTERN = /^ostan_[A-Za-z0-9_-]{43}$/;

/** The key in an `Authorization: Bearer <key>` header; undefined when the header is absent. */
export function bearerKey(header: string | null): string | null | undefined {
  if (header === null) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match ? (match[1] as string) : null;
}

/** Hex SHA-256 of the key: what api_keys.key_hash holds (scripts/dev/key.mjs computes the same). */
export function hashKey(key: string): Promise<string> {
  return sha256Hex(key);
}

/** Compares two strings in time that depends only on their length. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
