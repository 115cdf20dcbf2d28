/**
 * Partner writes read from the built schema, for the tests that must cover every mutation,
 * including ones added later: each write mutation names its entity kind and each leaf of its
 * input names the entity field it sets (`extensions.ostan`, see src/graphql/write-inputs.ts).
 * From that and the entity modules' declared references, every field that names another row is
 * found, and a valid input for any mutation is made from its types.
 */
import { env } from 'cloudflare:workers';
import {
  GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
} from 'graphql';
import { ENTITIES } from '../../src/db/entities';
import type { EntityKind } from '../../src/db/entity';
import { columnOf } from '../../src/db/writes/rows';
import { schema } from '../../src/graphql/index';
import { TYPENAMES } from '../../src/graphql/typenames';
import type { FieldRole } from '../../src/graphql/write-inputs';
import { encodeGlobalId } from '../../src/lib/global-id';

export interface WriteMutation {
  name: string;
  kind: EntityKind;
  inputType: GraphQLInputObjectType;
}

/** Every mutation with its entity kind; throws for a mutation that does not name one. */
export function writeMutations(): WriteMutation[] {
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  return Object.values(mutation.getFields()).map((field: GraphQLField<unknown, unknown>) => {
    const kind = (field.extensions?.ostan as { kind?: EntityKind } | undefined)?.kind;
    if (!kind) throw new Error(`mutation ${field.name} does not name its entity kind`);
    const input = field.args.find((arg) => arg.name === 'input');
    const inputType = input && unwrap(input.type);
    if (!(inputType instanceof GraphQLInputObjectType)) {
      throw new Error(`mutation ${field.name} has no input object`);
    }
    return { name: field.name, kind, inputType };
  });
}

function unwrap(type: GraphQLInputType): GraphQLInputType {
  return type instanceof GraphQLNonNull || type instanceof GraphQLList
    ? unwrap(type.ofType as GraphQLInputType)
    : type;
}

/** One field of a write input, anywhere below the argument, with what it sets. */
export interface Leaf {
  mutation: WriteMutation;
  /** from the argument: ['input', 'rows', '0', 'region'] (lists at their first item) */
  path: string[];
  field: GraphQLInputField;
  /** the field's named type (an input object for nested inputs) */
  type: GraphQLInputType;
  nonNull: boolean;
  role: (FieldRole & { kind: EntityKind }) | null;
  /** the input type that holds it */
  parent: GraphQLInputObjectType;
}

/** Every field of a mutation's input, depth first; nested inputs are listed and entered. */
export function leavesOf(mutation: WriteMutation): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (type: GraphQLInputObjectType, path: string[]) => {
    for (const field of Object.values(type.getFields())) {
      const ext = field.extensions?.ostan as FieldRole | undefined;
      const named = unwrap(field.type);
      const listed = isList(field.type);
      const here = listed ? [...path, field.name, '0'] : [...path, field.name];
      leaves.push({
        mutation,
        path: here,
        field,
        type: named,
        nonNull: field.type instanceof GraphQLNonNull,
        role: ext ? { ...ext, kind: ext.kind ?? mutation.kind } : null,
        parent: type,
      });
      if (named instanceof GraphQLInputObjectType) walk(named, here);
    }
  };
  walk(mutation.inputType, ['input']);
  return leaves;
}

function isList(type: GraphQLInputType): boolean {
  if (type instanceof GraphQLNonNull) return isList(type.ofType as GraphQLInputType);
  return type instanceof GraphQLList;
}

/** The kinds of row a field names: the row written (id), a declared reference, or none. */
export function namedKinds(leaf: Leaf): EntityKind[] {
  if (!leaf.role) return [];
  const { field, kind } = leaf.role;
  if (field === 'id') return [kind];
  const ref = ENTITIES[kind].references[field];
  if (!ref) return [];
  return 'kind' in ref ? [ref.kind] : [...ref.kinds];
}

/** Whether the field must hold a value: GraphQL's `!`, or a NOT NULL column it sets. */
export function isRequired(leaf: Leaf): boolean {
  if (leaf.nonNull) return true;
  if (!leaf.role || leaf.role.field === 'id') return false;
  const { field, kind, defaulted } = leaf.role;
  const notNull = ENTITIES[kind].notNull.includes(columnOf(kind, field));
  // in a `<Type>Changes` input null clears the column; elsewhere a defaulted field takes its default
  return notNull && (leaf.parent.name.endsWith('Changes') || !defaulted);
}

// ---- the rows a test key may write (in Qom) and rows elsewhere (in Iran, the country) ----

export const KEY_REGION = 'qom';
export const OTHER_REGION = 'iran';

const subtree = `WITH RECURSIVE down(id) AS (
  SELECT id FROM regions WHERE slug = ? UNION ALL SELECT r.id FROM regions r JOIN down ON r.parent_id = down.id
)`;

/** A row of `kind` the Qom key may write (any row for kinds without regions). */
export async function ownRow(
  kind: EntityKind,
): Promise<{ id: number; slug: string; version: number }> {
  const { table, region } = ENTITIES[kind];
  const row = await env.DB.prepare(
    region
      ? `${subtree} SELECT id, slug, version FROM ${table} WHERE ${region} IN (SELECT id FROM down) ORDER BY id LIMIT 1`
      : `SELECT id, slug, version FROM ${table} ORDER BY id LIMIT 1`,
  )
    .bind(...(region ? [KEY_REGION] : []))
    .first<{ id: number; slug: string; version: number }>();
  if (!row) throw new Error(`no ${kind} in ${KEY_REGION}`);
  return row;
}

/**
 * A row of `kind` in Iran, outside Qom: the region itself, or a copy of a Qom row moved there
 * (written straight to D1, as another key's earlier write would have left it).
 */
export async function otherRow(kind: EntityKind): Promise<{ id: number; slug: string }> {
  const { table, region, columns } = ENTITIES[kind];
  if (region === 'id') {
    return (await env.DB.prepare(`SELECT id, slug FROM ${table} WHERE slug = ?`)
      .bind(OTHER_REGION)
      .first<{ id: number; slug: string }>()) as { id: number; slug: string };
  }
  const own = await ownRow(kind);
  const slug = `${own.slug}-elsewhere`;
  const existing = await env.DB.prepare(`SELECT id FROM ${table} WHERE slug = ?`)
    .bind(slug)
    .first<{ id: number }>();
  if (existing) return { id: existing.id, slug };
  // stored columns only (a generated column such as projects.investment_rial is computed)
  const stored = await env.DB.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0')
    .bind(table)
    .all<{ name: string }>();
  const storedNames = new Set(stored.results.map((c) => c.name));
  const copied = columns.filter(
    (c) =>
      storedNames.has(c) && !['id', 'slug', region, 'preferred', 'preferred_reason'].includes(c),
  );
  const row = await env.DB.prepare(
    `INSERT INTO ${table} (id, slug, ${region}, ${copied.join(', ')})
     SELECT (SELECT max(id) + 1000 FROM ${table}), ?, (SELECT id FROM regions WHERE slug = ?), ${copied.join(', ')}
     FROM ${table} WHERE id = ? RETURNING id`,
  )
    .bind(slug, OTHER_REGION, own.id)
    .first<{ id: number }>();
  return { id: row?.id as number, slug };
}

// ---- inputs made from the schema ----

let serial = 0;

/** A value of a named row for a field that names it: a slug, a subject, a source, or a global ID. */
export function reference(
  leaf: Leaf,
  kind: EntityKind,
  row: { id: number; slug: string },
): unknown {
  if (leaf.role?.field === 'id') return encodeGlobalId(TYPENAMES[kind], row.id);
  const ref = leaf.role && ENTITIES[leaf.role.kind].references[leaf.role.field];
  if (ref && !('kind' in ref)) return { kind: kind.toUpperCase(), slug: row.slug };
  if (leaf.type instanceof GraphQLInputObjectType) return { slug: row.slug };
  return row.slug;
}

/** A valid value for one field, from its role and type. */
async function valueFor(leaf: Leaf): Promise<unknown> {
  const kinds = namedKinds(leaf);
  if (leaf.role?.field === 'version') {
    return (await ownRow(leaf.mutation.kind)).version;
  }
  if (kinds.length > 0) {
    // a polymorphic reference names the first kind with rows in Qom (a region)
    const kind = kinds.includes('region') ? 'region' : (kinds[0] as EntityKind);
    return reference(leaf, kind, await ownRow(kind));
  }
  const type = leaf.type;
  if (type instanceof GraphQLInputObjectType) return inputOf(leaf.mutation, type, leaf.path);
  if (type instanceof GraphQLEnumType) return type.getValues()[0]?.name;
  if (type instanceof GraphQLScalarType) {
    if (leaf.field.name === 'slug') return `probe-${++serial}`;
    return { String: 'Probe', ID: 'Probe', Int: 1, Float: 1, Boolean: false }[type.name];
  }
  throw new Error(`no value for ${leaf.path.join('.')}`);
}

/** A valid input object of `type` at `path`, with only the fields GraphQL requires. */
export async function inputOf(
  mutation: WriteMutation,
  type: GraphQLInputObjectType,
  path: string[],
): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  const leaves = leavesOf({ ...mutation, inputType: type }).filter(
    (leaf) => leaf.path.length === 2 || (leaf.path.length === 3 && leaf.path[2] === '0'),
  );
  for (const leaf of leaves) {
    if (!leaf.nonNull || leaf.field.defaultValue !== undefined) continue;
    const value = await valueFor({ ...leaf, path: [...path, ...leaf.path.slice(1)] });
    input[leaf.field.name] = isList(leaf.field.type) ? [value] : value;
  }
  return input;
}

/** A valid input for a mutation with `value` put at `path` (parents made as needed). */
export async function inputWith(leaf: Leaf, value: unknown): Promise<Record<string, unknown>> {
  const { mutation, path } = leaf;
  const root = await inputOf(mutation, mutation.inputType, ['input']);
  const all = leavesOf(mutation);
  let node: Record<string, unknown> = root;
  for (let i = 1; i < path.length - 1; i++) {
    const key = path[i] as string;
    if (/^\d+$/.test(key)) continue;
    const parentLeaf = all.find(
      (l) =>
        l.path.join('.') === path.slice(0, i + 1).join('.') ||
        l.path.join('.') === [...path.slice(0, i + 1), '0'].join('.'),
    );
    let child = node[key];
    if (child === undefined && parentLeaf) {
      const made = await inputOf(
        mutation,
        parentLeaf.type as GraphQLInputObjectType,
        parentLeaf.path,
      );
      child = isList(parentLeaf.field.type) ? [made] : made;
      node[key] = child;
    }
    node = (Array.isArray(child) ? child[0] : child) as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
  return root;
}

/** The mutation as a document with every typed result's fields. */
export function documentOf(mutation: WriteMutation): string {
  return `mutation ($input: ${mutation.inputType.name}!) {
    ${mutation.name}(input: $input) {
      __typename
      ... on Error { message }
      ... on ForbiddenError { reason path }
      ... on ValidationError { issues { path code message } }
    }
  }`;
}
