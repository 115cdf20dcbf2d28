/** Opaque connection cursors: base64url JSON naming the ordering and the row's sort key. */

export interface CursorPayload {
  /** the ordering the cursor belongs to, so a cursor from another ordering is refused */
  o: string;
  /** the sort key of the row: its ordering values, then its id */
  k: (string | number | null)[];
}

// printable ASCII (JSON escapes control characters); anything else takes the UTF-8 path
const ASCII = /^[ -~]*$/;
const BASE64URL: Record<string, string> = { '+': '-', '/': '_', '=': '' };

export function encodeCursor(payload: CursorPayload): string {
  const json = JSON.stringify(payload);
  // btoa reads one byte per character: ASCII text (most sort keys) is its own UTF-8
  let binary = json;
  if (!ASCII.test(json)) {
    binary = '';
    for (const byte of new TextEncoder().encode(json)) binary += String.fromCharCode(byte);
  }
  // '=' only ever pads the end
  return btoa(binary).replace(/[+/=]/g, (c) => BASE64URL[c] ?? c);
}

/** Returns the payload, or null when the text is not a cursor this API produced. */
export function decodeCursor(cursor: string): CursorPayload | null {
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    // printable ASCII bytes are their own UTF-8: only other text goes through the decoder
    const text = ASCII.test(binary)
      ? binary
      : new TextDecoder('utf-8', { fatal: true }).decode(
          Uint8Array.from(binary, (ch) => ch.charCodeAt(0)),
        );
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as CursorPayload).o === 'string' &&
      Array.isArray((value as CursorPayload).k) &&
      (value as CursorPayload).k.every(
        (part) => part === null || typeof part === 'string' || typeof part === 'number',
      )
    ) {
      return value as CursorPayload;
    }
  } catch {
    // fall through: not base64 or not JSON
  }
  return null;
}
