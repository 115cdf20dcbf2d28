// Prints the schema the code builds, sorted, to schema/schema.graphql; --check fails on a difference.
import { readFileSync, writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../../src/graphql/index';

const file = new URL('../../schema/schema.graphql', import.meta.url);
const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // a missing file is a difference like any other
  }
  if (committed !== printed) {
    console.error('schema/schema.graphql is not what the code builds: run `npm run schema`.');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date.');
} else {
  writeFileSync(file, printed);
  console.log(`wrote schema/schema.graphql (${printed.length} bytes)`);
}
