// Generates typed documents for schema/operations/*.graphql (codegen.ts: client preset, from the
// committed SDL, into .codegen/) and type-checks them with the project's TypeScript, together with
// a small file that uses every operation's document, result and variables types. Exits non-zero
// when generation or the type check fails.
//
// The CLI runs without a TTY (output captured), so listr2 (which declares Node >= 22) uses its
// plain renderer; it works on Node 20.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, '.codegen');
const require = createRequire(import.meta.url);

function run(label, command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error || result.status !== 0) {
    console.error(`${label} failed (exit ${result.status ?? result.error?.message}):`);
    if (output) console.error(output);
    process.exit(1);
  }
  return output;
}

// 1. Generate, from a clean directory so that no stale file can pass the check.
rmSync(outDir, { recursive: true, force: true });
const codegenBin = path.join(
  path.dirname(require.resolve('@graphql-codegen/cli/package.json')),
  'esm',
  'bin.js',
);
run('graphql-codegen', process.execPath, [codegenBin, '--config', 'codegen.ts']);

// 2. A file that uses every operation's generated types, so a missing or mistyped one fails.
const operations = readdirSync(path.join(root, 'schema', 'operations'))
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => file.slice(0, -'.graphql'.length))
  .sort();
if (operations.length === 0) {
  console.error('no operations in schema/operations/');
  process.exit(1);
}
const usage = [
  '// Written by scripts/schema/codegen-check.mjs: uses every generated operation type.',
  "import type { TypedDocumentNode } from '@graphql-typed-document-node/core';",
  `import { ${operations.map((name) => `${name}Document`).join(', ')} } from './graphql';`,
  `import type { ${operations.flatMap((name) => [`${name}Query`, `${name}QueryVariables`]).join(', ')} } from './graphql';`,
  '',
  'export const documents: TypedDocumentNode<unknown, never>[] = [];',
  ...operations.map(
    (name) =>
      `const ${name}Typed: TypedDocumentNode<${name}Query, ${name}QueryVariables> = ${name}Document;\n` +
      `documents.push(${name}Typed as TypedDocumentNode<unknown, never>);`,
  ),
  '',
].join('\n');
writeFileSync(path.join(outDir, 'usage-check.ts'), usage);

// 3. Type-check with the project's TypeScript and its strict options.
writeFileSync(
  path.join(outDir, 'tsconfig.json'),
  `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'ES2022',
        moduleResolution: 'Bundler',
        lib: ['ES2023'],
        types: [],
        strict: true,
        noUncheckedIndexedAccess: true,
        noImplicitOverride: true,
        isolatedModules: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['./*.ts'],
    },
    null,
    2,
  )}\n`,
);
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
run('tsc', process.execPath, [tsc, '--project', path.join(outDir, 'tsconfig.json')]);

console.log(
  `codegen ok: ${operations.length} operations (${operations.join(', ')}) generated into .codegen/ and type-checked.`,
);
