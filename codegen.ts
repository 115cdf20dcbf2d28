// Typed documents for the example operations (schema/operations/), generated from the committed
// SDL by the client preset into .codegen/ (git-ignored). `npm run codegen` generates them and
// type-checks the result (scripts/schema/codegen-check.mjs).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    '.codegen/': {
      preset: 'client',
      config: {
        scalars: { Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
