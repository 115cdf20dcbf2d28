// The layer rules of `npm run deps` (part of `npm run check`): arrows point one way,
// http → graphql → db → lib (and http → db where no GraphQL is needed). Type-only imports count:
// a layer that names another's types depends on it.

/** A package in a node_modules folder, or its bare name when it cannot be resolved. */
const pkg = (name) => `(^|node_modules/)${name}(/|$)`;
const FRAMEWORK = [
  pkg('graphql'),
  pkg('graphql-yoga'),
  pkg('@graphql-yoga/[^/]+'),
  pkg('@pothos/[^/]+'),
  pkg('@escape\\.tech/[^/]+'),
  pkg('hono'),
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'db-and-lib-without-framework',
      comment:
        'src/db and src/lib hold data access and pure helpers: no GraphQL, Pothos, Yoga, Hono or ' +
        'graphql-armor in them, and nothing from the layers above (src/http, src/graphql).',
      severity: 'error',
      from: { path: '^src/(db|lib)/' },
      to: { path: [...FRAMEWORK, '^src/(http|graphql)/'] },
    },
    {
      name: 'graphql-without-http',
      comment: 'src/graphql is called by the edge, never the other way: no src/http, no Hono.',
      severity: 'error',
      from: { path: '^src/graphql/' },
      to: { path: ['^src/http/', pkg('hono')] },
    },
    {
      name: 'lib-without-db',
      comment: 'src/lib is below src/db: pure helpers that know no database.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: '^src/db/' },
    },
    {
      name: 'no-import-of-entry',
      comment: 'src/index.ts is the Worker entry point: it imports the app, nothing imports it.',
      severity: 'error',
      from: {},
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle has no direction, so it hides which layer a module belongs to.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that cannot be resolved escapes every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // workerd's own modules, provided at run time (cloudflare:test by the vitest pool)
    builtInModules: {
      add: [
        'cloudflare:workers',
        'cloudflare:test',
        'cloudflare:sockets',
        'cloudflare:email',
        'cloudflare:workflows',
      ],
    },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['workerd', 'worker', 'import', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.json', '.d.ts'],
    },
  },
};
