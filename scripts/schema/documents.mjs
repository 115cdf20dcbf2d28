// The registered (trusted) documents: Ostan's own operations (schema/operations/*.graphql) and each
// team's under schema/documents/<team>/, either GraphQL Code Generator's client-preset output
// (`persisted-documents.json`) or a folder of `.graphql` files. Every document is stored as the
// client preset prints it (printExecutableGraphQLDocument) with `__typename` on every selection set
// (its addTypenameSelectionDocumentTransform), and identified by the SHA-256 of that text: the hash a
// client preset with `persistedDocuments: true` and that transform computes from the same source.
// Used by persisted-manifest.mjs (the manifest) and schema-breaking.mjs (registered documents must
// keep validating).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { buildSchema, Kind, parse, specifiedRules, validate, visit } from 'graphql';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OWN_DIR = path.join(root, 'schema', 'operations');
export const TEAMS_DIR = path.join(root, 'schema', 'documents');
const CLIENT_PRESET_FILE = 'persisted-documents.json';

export const sha256Hex = (text) => createHash('sha256').update(text).digest('hex');

/** The document as served: `__typename` on every selection set, printed as the client preset does. */
export function canonicalText(document) {
  const [withTypename] = addTypenameSelectionDocumentTransform.transform({
    documents: [{ document }],
  });
  return printExecutableGraphQLDocument(withTypename.document);
}

const rel = (file) => path.relative(root, file);

function graphqlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return graphqlFiles(full);
      return entry.name.endsWith('.graphql') ? [full] : [];
    })
    .sort();
}

/** Every fragment an operation uses, directly or through other fragments. */
function withFragments(operation, fragments, where) {
  const needed = new Map();
  const visitSpreads = (node) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (needed.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`${where}: fragment ${name} is not defined in the folder`);
        needed.set(name, fragment);
        visitSpreads(fragment);
      },
    });
  visitSpreads(operation);
  return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
}

/** One document per operation in a folder of .graphql files, with the fragments it uses. */
function fromGraphqlFolder(team, dir) {
  const files = graphqlFiles(dir);
  const operations = [];
  const fragments = new Map();
  for (const file of files) {
    const document = parse(readFileSync(file, 'utf8'));
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value)) {
          throw new Error(`${rel(file)}: fragment ${definition.name.value} is defined twice`);
        }
        fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        operations.push({ definition, file });
      }
    }
  }
  return operations.map(({ definition, file }) => {
    const text = canonicalText(withFragments(definition, fragments, rel(file)));
    return { team, source: rel(file), text, id: sha256Hex(text) };
  });
}

/**
 * A client preset's persisted-documents.json ({ "sha256:<hex>": text }). The hash must be the
 * SHA-256 of the text, and the text must already carry `__typename` everywhere: the client sends
 * that hash, so the registry cannot change the text under it.
 */
function fromClientPreset(team, file) {
  let entries;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${rel(file)} is not JSON: ${error.message}`);
  }
  if (!entries || typeof entries !== 'object' || Array.isArray(entries)) {
    throw new Error(`${rel(file)} must be an object of hash → document`);
  }
  return Object.entries(entries).map(([hash, text]) => {
    const where = `${rel(file)} ${hash}`;
    if (typeof text !== 'string') throw new Error(`${where}: the document must be a string`);
    const id = sha256Hex(text);
    if (hash !== `sha256:${id}` && hash !== id) {
      throw new Error(
        `${where}: the hash is not the SHA-256 of the document. Generate it with the client preset's default \`persistedDocuments: true\` (or hashAlgorithm: 'sha256').`,
      );
    }
    if (canonicalText(parse(text)) !== text) {
      throw new Error(
        `${where}: the document lacks \`__typename\` on some selection set. Add addTypenameSelectionDocumentTransform (from @graphql-codegen/client-preset) to the preset's documentTransforms and generate again.`,
      );
    }
    return { team, source: rel(file), text, id };
  });
}

/** Every registered document, Ostan's own first, then each team's in name order. */
export function registeredDocuments() {
  const documents = fromGraphqlFolder('ostan', OWN_DIR);
  const teams = existsSync(TEAMS_DIR)
    ? readdirSync(TEAMS_DIR)
        .filter((name) => statSync(path.join(TEAMS_DIR, name)).isDirectory())
        .sort()
    : [];
  for (const team of teams) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(team)) {
      throw new Error(`schema/documents/${team}: team folders are kebab-case`);
    }
    const dir = path.join(TEAMS_DIR, team);
    const preset = path.join(dir, CLIENT_PRESET_FILE);
    const hasGraphql = graphqlFiles(dir).length > 0;
    if (existsSync(preset) && hasGraphql) {
      throw new Error(
        `${rel(dir)}: register either ${CLIENT_PRESET_FILE} or .graphql files, not both`,
      );
    }
    if (existsSync(preset)) documents.push(...fromClientPreset(team, preset));
    else if (hasGraphql) documents.push(...fromGraphqlFolder(team, dir));
    else throw new Error(`${rel(dir)}: no ${CLIENT_PRESET_FILE} and no .graphql files`);
  }
  return documents;
}

/** The operation's name, or null when the document does not hold exactly one named operation. */
export function operationName(text) {
  const operations = parse(text).definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.length === 1 ? (operations[0].name?.value ?? null) : null;
}

/**
 * The problems of registered documents against a schema (SDL text): each one a line naming the
 * team, the file and the operation. Empty when every document validates.
 */
export function documentProblems(documents, sdl) {
  const schema = buildSchema(sdl);
  const problems = [];
  for (const document of documents) {
    const name = operationName(document.text);
    const where = `${document.team}: ${document.source}${name ? ` (${name})` : ''}`;
    if (!name) {
      problems.push(`${where}: a registered document holds exactly one named operation`);
      continue;
    }
    for (const error of validate(schema, parse(document.text), specifiedRules)) {
      problems.push(`${where}: ${error.message}`);
    }
  }
  return problems;
}
