/** Test API keys and database checksums for the partner-write tests. */
import { env } from 'cloudflare:workers';
import { hashKey, type Scope } from '../src/lib/api-keys';

let counter = 0;

/** Issues a key the way scripts/dev/key.mjs does (only the hash is stored) and returns the key. */
export async function issueKey(
  options: { scopes?: Scope[]; regions?: string[]; revoked?: boolean; name?: string } = {},
): Promise<string> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = `ostan_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}`;
  counter += 1;
  const row = await env.DB.prepare(
    `INSERT INTO api_keys (name, prefix, key_hash, scopes, revoked_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
  )
    .bind(
      options.name ?? `test key ${counter}`,
      key.slice(0, 12),
      await hashKey(key),
      JSON.stringify(options.scopes ?? []),
      options.revoked ? '2026-01-01T00:00:00.000Z' : null,
    )
    .first<{ id: number }>();
  for (const slug of options.regions ?? ['qom']) {
    await env.DB.prepare(
      'INSERT INTO api_key_regions (key_id, region_id) SELECT ?, id FROM regions WHERE slug = ?',
    )
      .bind(row?.id, slug)
      .run();
  }
  return key;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A SHA-256 of every row of every table (FTS shadow tables included), keyed by table name. */
export async function checksums(): Promise<Record<string, string>> {
  const tables = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name`,
  ).all<{ name: string }>();
  const sums: Record<string, string> = {};
  for (const { name } of tables.results) {
    if (name === 'search_index') continue; // the virtual table; its shadow tables hold the bytes
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).raw();
    const text = JSON.stringify(
      rows.map((r) => r.map((v) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v))),
    );
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    sums[name] = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  return sums;
}
